'use client';

import { startTransition, useActionState, useEffect, useRef } from 'react';
import type { FormState } from '@/lib/forms/formState';
import { SecretReveal } from './SecretReveal';
import styles from './ActionForm.module.css';

export type FormAction = (previous: FormState, form: FormData) => Promise<FormState>;

export interface ActionFormProps {
  action: FormAction;
  children: React.ReactNode;
  className?: string;
  /** Shown with a copy button when the action returns a secret (shown only this once). */
  secretLabel?: string;
  /** Clear the fields after success (default true); errors always keep what was typed. */
  resetOnSuccess?: boolean;
  /** Put the error/confirmation beside the fields (compact forms in table rows). */
  inline?: boolean;
  'aria-label'?: string;
}

/**
 * A form bound to a server action: disables its buttons while running, shows the action's
 * error inline (keeping what was typed), its confirmation, or a one-time secret.
 */
export function ActionForm({ action, children, className, secretLabel, resetOnSuccess = true, inline = false, ...rest }: ActionFormProps) {
  const [state, run, pending] = useActionState(action, {});
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.doneAt && !state.error && resetOnSuccess) formRef.current?.reset();
  }, [state, resetOnSuccess]);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (submitter instanceof HTMLButtonElement && submitter.name) form.set(submitter.name, submitter.value);
    startTransition(() => run(form));
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className={inline ? `${styles.inline} ${className ?? ''}` : className} aria-label={rest['aria-label']} aria-busy={pending}>
      <fieldset disabled={pending} className={styles.fieldset}>
        {children}
      </fieldset>
      {state.error && (
        <div className={`alert alert-error ${inline ? styles.inlineAlert : ''}`} role="alert">
          {state.error}
        </div>
      )}
      {!state.error && !state.secret && state.message && (
        <div className={`alert alert-ok ${inline ? styles.inlineAlert : ''}`} role="status">
          {state.message}
        </div>
      )}
      {!state.error && state.secret && (
        <SecretReveal key={state.doneAt} label={[state.message, secretLabel ?? 'Copy it now:'].filter(Boolean).join(' ')} secret={state.secret} />
      )}
    </form>
  );
}
