import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { fieldError, submitTarget, type FormValue, type ServerFormResult } from "./form-fields";

/**
 * react-hook-form driven by the same zod schema as the action. With JavaScript the browser
 * checks the form before sending it; without JavaScript the plain <Form> posts and the
 * server's errors and values (`result`) are rendered instead.
 */
export function useZodForm<S extends z.ZodType<unknown, FieldValues>>(
  schema: S | (() => Promise<S>),
  result?: ServerFormResult | null,
  initialValues: Record<string, FormValue> = {},
) {
  const values = result?.values ?? initialValues;
  // A schema given as `() => import(…)` loads on the first check (when the person leaves a field
  // or sends), so a public page with a form does not load the validation code up front.
  const [resolver] = useState<Resolver>(() => {
    if (typeof schema !== "function") return zodResolver(schema as never) as unknown as Resolver;
    let ready: Resolver | null = null;
    return async (values: FieldValues, context: unknown, options: Parameters<Resolver>[2]) => {
      ready ??= zodResolver((await schema()) as never) as unknown as Resolver;
      return ready(values, context, options);
    };
  });
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: resolver as never,
    mode: "onTouched",
    defaultValues: values as never,
  });
  const submit = useSubmit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = submitTarget(event);
    void form.handleSubmit(() => submit(target))(event);
  };
  const errorFor = (name: string) => fieldError(form.formState.errors, result, name);
  /**
   * Everything a field component needs: the registration, its error, and the value the server
   * sent back (react-hook-form does not write values into server-rendered HTML by itself).
   */
  const field = (name: string) => ({
    registration: form.register(name as never),
    error: errorFor(name),
    defaultValue: values[name],
  });
  return { form, field, onSubmit, errorFor };
}

export * from "./form-fields";
