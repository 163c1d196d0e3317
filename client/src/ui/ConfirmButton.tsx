import { useEffect, useRef, useState } from 'react';

/**
 * A destructive action asked twice, inline: no modal to trap focus in, and the question
 * says exactly what will be lost. Focus moves to the confirming button and back on cancel.
 */
export function ConfirmButton(props: {
  label: string;
  /** When the visible label needs its context for screen readers ("Delete Hiring"). */
  accessibleLabel?: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={openRef}
        type="button"
        className="button-danger-quiet"
        disabled={props.pending}
        aria-label={props.accessibleLabel}
        onClick={() => setAsking(true)}
      >
        {props.pending ? 'Working…' : props.label}
      </button>
    );
  }
  return (
    <fieldset className="confirm">
      <legend className="confirm-question">{props.question}</legend>
      <button
        ref={confirmRef}
        type="button"
        className="button-danger"
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </fieldset>
  );
}
