import { useSubmit } from "@remix-run/react";
import { useReducer, useRef, type FormEvent } from "react";
import type { FieldErrors, FieldValues, Resolver, UseFormRegisterReturn } from "react-hook-form";
import type { z } from "zod";
import { fieldError, submitTarget, type FormValue, type ServerFormResult } from "./form-fields";

/**
 * useZodForm (./forms.tsx) for the public pages' forms, with react-hook-form, its zod resolver
 * and the schema loaded when the person first uses the form (focuses a field or sends it), not
 * with the page: a visitor who only reads loads none of them (docs/decisions/0015).
 *
 * Until then the fields are plain inputs: what is typed stays in them, and react-hook-form
 * (createFormControl, outside React's state) reads it from the DOM when it arrives. A blur that
 * came first is validated once it has; a form sent first is checked and then sent. Without
 * JavaScript, or if the code cannot load, the form posts and the server's checks answer.
 */
type Engine = ReturnType<typeof import("react-hook-form").createFormControl<FieldValues>>;

let library: Promise<[typeof import("react-hook-form"), typeof import("@hookform/resolvers/zod")]> | null = null;
const loadLibrary = () =>
  (library ??= Promise.all([import("react-hook-form"), import("@hookform/resolvers/zod")]).catch((error: unknown) => {
    library = null; // tried again on the next use
    throw error;
  }));

/**
 * What radio buttons and groups of checkboxes hold: react-hook-form reads the other fields from
 * the DOM as they join, but given no value for a group it would take its first button's
 * (unchecked) as the group's and clear the one the person chose.
 */
function chosenValues(fields: ReadonlyArray<readonly [string, HTMLInputElement[]]>) {
  const values: FieldValues = {};
  for (const [name, elements] of fields) {
    if (elements[0]?.type === "radio") {
      const chosen = elements.find((e) => e.checked);
      if (chosen) values[name] = chosen.value;
    } else if (elements[0]?.type === "checkbox" && elements.length > 1) {
      values[name] = elements.filter((e) => e.checked).map((e) => e.value);
    }
  }
  return values;
}

type Registration = UseFormRegisterReturn & { onFocus: () => void };

export function useDeferredZodForm<S extends z.ZodType<unknown, FieldValues>>(
  loadSchema: () => Promise<S>,
  result?: ServerFormResult | null,
  initialValues: Record<string, FormValue> = {},
) {
  const values = result?.values ?? initialValues;
  const submit = useSubmit();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const state = useRef<{ engine: Engine | null; starting: Promise<Engine> | null; elements: Map<string, Set<HTMLInputElement>>; errors: FieldErrors }>({
    engine: null,
    starting: null,
    elements: new Map(),
    errors: {},
  }).current;

  const start = () =>
    (state.starting ??= Promise.all([loadLibrary(), loadSchema()]).then(([[{ createFormControl }, { zodResolver }], schema]) => {
      const live = [...state.elements].map(([name, elements]) => [name, [...elements].filter((e) => e.isConnected)] as const);
      const engine = createFormControl<FieldValues>({
        resolver: zodResolver(schema as never) as unknown as Resolver<FieldValues>,
        mode: "onTouched",
        defaultValues: chosenValues(live),
      });
      // The fields rendered so far join with what they hold now.
      for (const [name, elements] of live) for (const element of elements) engine.register(name).ref(element);
      engine.subscribe({
        formState: { errors: true },
        callback: (formState) => {
          state.errors = formState.errors ?? {};
          rerender();
        },
      });
      state.engine = engine;
      rerender();
      return engine;
    }));
  // A failed load (offline) leaves the plain form, which the server checks; the next use tries again.
  const startOrForget = () =>
    start().catch((error: unknown) => {
      state.starting = null;
      throw error;
    });
  const registration = (name: string): Registration => {
    const onFocus = () => void startOrForget().catch(() => {});
    if (state.engine) return { ...state.engine.register(name), onFocus };
    return {
      name,
      onFocus,
      // Until React renders the fields again with the engine's own handlers, events go to it.
      onChange: async (event: { target: unknown; type?: unknown }) => {
        await state.engine?.register(name).onChange(event);
      },
      onBlur: async (event: { target: unknown; type?: unknown }) => {
        const engine = state.engine ?? (await startOrForget().catch(() => null));
        await engine?.register(name).onBlur(event);
      },
      ref: (element: HTMLInputElement | null) => {
        if (!element) return;
        const elements = state.elements.get(name) ?? new Set();
        elements.add(element);
        state.elements.set(name, elements);
      },
    };
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const target = submitTarget(event);
    event.preventDefault();
    void startOrForget().then(
      (engine) => engine.handleSubmit(() => submit(target))(),
      () => submit(target),
    );
  };
  const errorFor = (name: string) => fieldError(state.errors, result, name);
  const field = (name: string) => ({ registration: registration(name), error: errorFor(name), defaultValue: values[name] });
  return { field, onSubmit, errorFor };
}
