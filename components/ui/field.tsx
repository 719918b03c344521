// One labelled form control with its hint and error wired to aria-describedby, so a screen
// reader announces the unit and the problem together with the field.
import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { cx } from "./cx";

export const inputClass = (invalid?: boolean, extra?: string) =>
  cx(
    "block w-full rounded-md border bg-white px-3 py-1.5 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400",
    "focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-600",
    invalid ? "border-red-400" : "border-zinc-300",
    extra,
  );

/** Chromium pads the text inside a <select> on its own; trim ours so it lines up with inputs. */
export const selectClass = (invalid?: boolean, extra?: string) => inputClass(invalid, cx("pl-2", extra));

type ControlProps = { id?: string; "aria-describedby"?: string; "aria-invalid"?: boolean };

export function Field({
  id,
  label,
  hint,
  error,
  suffix,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** A unit shown inside the right edge of the input, e.g. "ms" or "%". */
  suffix?: string;
  children: ReactElement<ControlProps>;
  className?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  const control = isValidElement(children) ? cloneElement(children, { id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined }) : children;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div className="relative mt-1">
        {control}
        {suffix ? (
          <span aria-hidden className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-zinc-500">
            {suffix}
          </span>
        ) : null}
      </div>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
      {/* Always rendered so aria-live announces an error the moment it appears. */}
      <p id={errorId} aria-live="polite" className={cx("text-xs font-medium text-red-700", error ? "mt-1" : "sr-only")}>
        {error ?? ""}
      </p>
    </div>
  );
}
