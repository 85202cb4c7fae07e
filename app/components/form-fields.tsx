import { useNavigation } from "@remix-run/react";
import { useId, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

/**
 * Form fields, with no form library: pages whose form loads react-hook-form on first use
 * (./deferred-form.ts) import them from here. Every field wires its label, hint and error to
 * the input (aria-invalid, aria-describedby), so screen readers read the error with the field.
 */
export type FormValue = string | string[];
export type ServerFormResult = {
  ok: false;
  fieldErrors: Record<string, string[]>;
  formError?: string;
  values: Record<string, FormValue>;
};

/** What a form sends: the button pressed (its name and value go along, as without JavaScript), or the form. */
export function submitTarget(event: FormEvent<HTMLFormElement>): HTMLFormElement | HTMLButtonElement {
  const form = event.currentTarget;
  const submitter = (event.nativeEvent as SubmitEvent).submitter;
  return submitter instanceof HTMLButtonElement && submitter.form === form ? submitter : form;
}

/** A field's error: the browser's check first, else the server's. */
export function fieldError(clientErrors: unknown, result: ServerFormResult | null | undefined, name: string): string | undefined {
  return (clientErrors as Record<string, { message?: string } | undefined>)[name]?.message ?? result?.fieldErrors?.[name]?.[0];
}

// Re-exported: pages without a form import it from ./form-alert and load no form library.
export { FormAlert } from "./form-alert";

type FieldProps = {
  label: string;
  hint?: string;
  error?: string;
  registration: UseFormRegisterReturn;
  defaultValue?: FormValue;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue">;

const single = (v: FormValue | undefined) => (Array.isArray(v) ? v[0] : v);
const many = (v: FormValue | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function TextField({ label, hint, error, registration, defaultValue, className, ...inputProps }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="mb-4">
      <FieldLabel htmlFor={id} label={label} required={inputProps.required} />
      {hint ? (
        <p id={hintId} className="mb-1 text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        // A width given by the caller narrows the box; it never replaces its border and padding.
        className={`block rounded-md border bg-white px-3 py-2 text-base ${error ? "border-red-600" : "border-stone-400"} ${className ?? "w-full"}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        defaultValue={single(defaultValue)}
        {...inputProps}
        {...registration}
      />
      <FieldError id={errorId} error={error} />
    </div>
  );
}

/** A multi-line field with its length limit shown as the person types. */
export function TextAreaField({
  label,
  hint,
  error,
  registration,
  defaultValue,
  minLength,
  maxLength,
  required,
  rows = 6,
}: {
  label: string;
  /** A sentence (or two) without an open bracket: the length rule is added after it in its own. */
  hint?: string;
  error?: string;
  registration: UseFormRegisterReturn;
  defaultValue?: FormValue;
  minLength?: number;
  maxLength: number;
  required?: boolean;
  rows?: number;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = error ? `${id}-error` : undefined;
  const [length, setLength] = useState((single(defaultValue) ?? "").length);
  return (
    <div className="mb-5">
      <FieldLabel htmlFor={id} label={label} required={required} />
      <p id={hintId} className="mb-1 text-sm text-stone-600">
        {hint}
        {lengthRule({ minLength, maxLength, required })}
      </p>
      <textarea
        id={id}
        rows={rows}
        required={required}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-base ${error ? "border-red-600" : "border-stone-400"}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
        defaultValue={single(defaultValue)}
        {...registration}
        onChange={(e) => {
          setLength(e.target.value.length);
          void registration.onChange(e);
        }}
      />
      <p className={`mt-1 text-right text-sm ${length > maxLength ? "font-semibold text-red-700" : "text-stone-600"}`} aria-live="polite">
        {length} / {maxLength}文字
      </p>
      <FieldError id={errorId} error={error} />
    </div>
  );
}

/** 「（20文字以上、2000文字以内）」「（任意、1000文字以内）」: one bracket, always closed. */
export function lengthRule({ minLength, maxLength, required }: { minLength?: number; maxLength: number; required?: boolean }) {
  const parts = [required ? null : "任意", minLength && minLength > 1 ? `${minLength}文字以上` : null, `${maxLength}文字以内`];
  return `（${parts.filter(Boolean).join("、")}）`;
}

export function SelectField({
  label,
  options,
  error,
  registration,
  defaultValue,
  required,
  placeholder = "選んでください",
}: {
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  error?: string;
  registration: UseFormRegisterReturn;
  defaultValue?: FormValue;
  required?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="mb-4">
      <FieldLabel htmlFor={id} label={label} required={required} />
      <select
        id={id}
        required={required}
        defaultValue={single(defaultValue) ?? ""}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-base sm:w-auto ${error ? "border-red-600" : "border-stone-400"}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
        {...registration}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} error={error} />
    </div>
  );
}

/** Several checkboxes with one name: the submitted value is the list of checked codes. */
export function CheckboxGroup({
  legend,
  hint,
  groups,
  error,
  registration,
  defaultValue,
  required,
  columns = 3,
}: {
  legend: string;
  hint?: string;
  groups: ReadonlyArray<{ title?: string; options: ReadonlyArray<{ value: string; label: string }> }>;
  error?: string;
  registration: UseFormRegisterReturn;
  defaultValue?: FormValue;
  required?: boolean;
  columns?: 1 | 2 | 3;
}) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  const checked = new Set(many(defaultValue));
  const grid = { 1: "", 2: "sm:grid-cols-2", 3: "sm:grid-cols-2 lg:grid-cols-3" }[columns];
  return (
    <fieldset className="mb-5" aria-describedby={errorId} aria-invalid={error ? true : undefined}>
      <legend className="mb-1 font-semibold">
        {legend}
        {required ? <RequiredBadge /> : null}
      </legend>
      {hint ? <p className="mb-2 text-sm text-stone-600">{hint}</p> : null}
      {groups.map((group, gi) => (
        <div key={gi} className="mb-3">
          {group.title ? <p className="mb-1 font-semibold text-stone-700">{group.title}</p> : null}
          <div className={`grid gap-1 ${grid}`}>
            {group.options.map((option) => (
              <label key={option.value} className="flex cursor-pointer items-start gap-2 rounded px-1 py-1 hover:bg-stone-100">
                <input type="checkbox" value={option.value} defaultChecked={checked.has(option.value)} className="mt-1.5 h-5 w-5 shrink-0" {...registration} />
                <span>{option.label}</span>
              </label>
            ))}
          </div>
        </div>
      ))}
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}

/**
 * The 必須 badge sits beside the label, not in it: the input's `required` already tells assistive
 * technology, and the label text stays the field's plain name.
 */
function FieldLabel({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean }) {
  return (
    <div className="mb-1 flex items-center gap-2">
      <label htmlFor={htmlFor} className="font-semibold">
        {label}
      </label>
      {required ? <RequiredBadge /> : null}
    </div>
  );
}

function RequiredBadge() {
  return (
    <span aria-hidden="true" className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-normal text-white">
      必須
    </span>
  );
}

export function FieldError({ id, error }: { id?: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="mt-1 text-sm font-semibold text-red-700">
      {error}
    </p>
  );
}

export function CheckboxField({ label, error, registration, defaultValue }: { label: ReactNode; error?: string; registration: UseFormRegisterReturn; defaultValue?: FormValue }) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="mb-4">
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          value="on"
          className="mt-1.5 h-5 w-5"
          aria-invalid={error ? true : undefined}
          aria-describedby={errorId}
          defaultChecked={defaultValue === "on"}
          {...registration}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldError id={errorId} error={error} />
    </div>
  );
}

export function RadioGroup({
  legend,
  options,
  error,
  registration,
  defaultValue,
}: {
  legend: string;
  options: ReadonlyArray<{ value: string; label: string; description?: string }>;
  error?: string;
  registration: UseFormRegisterReturn;
  defaultValue?: FormValue;
}) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset className="mb-4" aria-describedby={errorId} aria-invalid={error ? true : undefined}>
      <legend className="mb-1 font-semibold">
        {legend}
        <RequiredBadge />
      </legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((option) => (
          // The option's name is its title; the description is read as its description.
          <label key={option.value} className="flex cursor-pointer items-start gap-2 rounded-md border border-stone-300 bg-white p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
            <input
              type="radio"
              value={option.value}
              defaultChecked={defaultValue === option.value}
              aria-labelledby={`${id}-${option.value}`}
              aria-describedby={option.description ? `${id}-${option.value}-desc` : undefined}
              className="mt-1.5 h-5 w-5 shrink-0"
              {...registration}
            />
            <span>
              <span id={`${id}-${option.value}`} className="block font-semibold">
                {option.label}
              </span>
              {option.description ? (
                <span id={`${id}-${option.value}-desc`} className="block text-sm text-stone-600">
                  {option.description}
                </span>
              ) : null}
            </span>
          </label>
        ))}
      </div>
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}

/** `danger`: an action that takes something away (reject, revoke): red, never the colour of "approve". */
export function SubmitButton({
  children,
  pendingText,
  danger,
  secondary,
  name,
  value,
}: {
  children: ReactNode;
  pendingText?: string;
  danger?: boolean;
  secondary?: boolean;
  name?: string;
  value?: string;
}) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting";
  const tone = secondary
    ? "border border-brand-700 bg-white text-brand-800 hover:bg-brand-50"
    : `text-white ${danger ? "bg-red-700 hover:bg-red-800" : "bg-brand-700 hover:bg-brand-800"}`;
  return (
    <button type="submit" name={name} value={value} disabled={pending} className={`rounded-md px-5 py-2.5 font-semibold disabled:opacity-60 ${tone}`}>
      {pending ? (pendingText ?? "送信しています…") : children}
    </button>
  );
}

/** The honeypot: invisible to people and skipped by keyboard and screen readers. */
export function Honeypot() {
  return (
    <div aria-hidden="true" style={{ position: "absolute", left: "-10000px", width: 1, height: 1, overflow: "hidden" }}>
      <label>
        ウェブサイト（入力しないでください）
        <input type="text" name="website_url" tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
}
