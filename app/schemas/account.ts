import { z } from "zod";

/**
 * One schema per account form, used by the browser (react-hook-form) and by the action.
 * Messages are what the person reads, in Japanese.
 */
export const emailField = z
  .string({ message: "メールアドレスを入力してください" })
  .trim()
  .min(1, "メールアドレスを入力してください")
  .max(254, "メールアドレスが長すぎます")
  .pipe(z.email("メールアドレスの形式が正しくありません（例: taro@example.jp）"))
  .transform((v) => v.toLowerCase());

export const PASSWORD_MIN = 8;
export const newPasswordField = z
  .string({ message: "パスワードを入力してください" })
  .min(PASSWORD_MIN, `パスワードは${PASSWORD_MIN}文字以上で入力してください`)
  .max(128, "パスワードは128文字以内で入力してください")
  .refine((v) => v.trim().length > 0, "空白だけのパスワードは使えません");

/**
 * Object-level checks (passwords match) run even while other fields still have errors, so
 * a person sees every problem in one round. Runs whenever the compared fields are strings.
 */
const whenStrings = (...keys: string[]) => ({
  when(payload: { value: unknown }) {
    const value = payload.value as Record<string, unknown> | undefined;
    return keys.every((k) => typeof value?.[k] === "string");
  },
});

const optionalCheckbox = z.preprocess((v) => v === "on" || v === true || v === "true", z.boolean());

const checkbox = (message: string) =>
  z.preprocess((v) => v === "on" || v === true || v === "true", z.literal(true, { message }));

export const ACCOUNT_TYPES = ["PHYSICIAN", "FACILITY_MEMBER"] as const;

export const signupSchema = z
  .object({
    accountType: z.enum(ACCOUNT_TYPES, { message: "ご利用の立場を選んでください" }),
    email: emailField,
    password: newPasswordField,
    passwordConfirm: z.string({ message: "確認のため、もう一度パスワードを入力してください" }).min(1, "確認のため、もう一度パスワードを入力してください"),
    agree: checkbox("利用規約とプライバシーポリシーへの同意が必要です"),
    // A separate, optional consent: never implied by the terms.
    guidanceMail: optionalCheckbox,
  })
  .refine((v) => !v.passwordConfirm || v.password === v.passwordConfirm, {
    path: ["passwordConfirm"],
    message: "パスワードが一致しません",
    ...whenStrings("password", "passwordConfirm"),
  })
  .refine((v) => typeof v.email !== "string" || v.password.toLowerCase() !== v.email.trim().toLowerCase(), {
    path: ["password"],
    message: "メールアドレスと同じパスワードは使えません",
    ...whenStrings("password", "email"),
  });

export const loginSchema = z.object({
  email: emailField,
  password: z.string({ message: "パスワードを入力してください" }).min(1, "パスワードを入力してください"),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({
    token: z.string().min(1),
    password: newPasswordField,
    passwordConfirm: z.string({ message: "確認のため、もう一度パスワードを入力してください" }).min(1, "確認のため、もう一度パスワードを入力してください"),
  })
  .refine((v) => !v.passwordConfirm || v.password === v.passwordConfirm, {
    path: ["passwordConfirm"],
    message: "パスワードが一致しません",
    ...whenStrings("password", "passwordConfirm"),
  });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ message: "現在のパスワードを入力してください" }).min(1, "現在のパスワードを入力してください"),
    newPassword: newPasswordField,
    newPasswordConfirm: z.string({ message: "確認のため、もう一度新しいパスワードを入力してください" }).min(1, "確認のため、もう一度新しいパスワードを入力してください"),
  })
  .refine((v) => !v.newPasswordConfirm || v.newPassword === v.newPasswordConfirm, {
    path: ["newPasswordConfirm"],
    message: "新しいパスワードが一致しません",
    ...whenStrings("newPassword", "newPasswordConfirm"),
  })
  .refine((v) => !v.currentPassword || v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "現在と異なるパスワードを入力してください",
    ...whenStrings("newPassword", "currentPassword"),
  });
