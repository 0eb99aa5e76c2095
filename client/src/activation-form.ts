// The activation form's fields (docs/SPEC.md §13.3): the IDNP, the date of birth as a day, a month
// chosen by its name and a year (so that a date typed month-first cannot be read as another), and
// the letter's code; each field with its hint and its error, and the summary of the errors on top
// (GOV.UK's error summary pattern), whose links move the focus to the field.
import type { ActivationField, ActivationFields, FieldError } from './activation.ts';
import { type Child, fieldValue, h } from './dom.ts';
import { monthNames, t } from './i18n.ts';

export type FormFields = { -readonly [K in keyof ActivationFields]: string };

const FIELD_ID: Record<ActivationField, string> = { idnp: 'idnp', day: 'birth-day', code: 'code' };

/** The errors listed with links that move the focus to each one's field. */
export function errorSummary(items: { href: string; text: string; focus: () => void }[]): HTMLElement {
  return h(
    'div',
    { class: 'notice error summary', role: 'alert', tabindex: '-1' },
    h('h2', null, t('errorsHeading')),
    h(
      'ul',
      null,
      items.map((item) =>
        h(
          'li',
          null,
          h(
            'a',
            {
              href: item.href,
              onclick: (event: Event) => {
                event.preventDefault();
                item.focus();
              },
            },
            item.text,
          ),
        ),
      ),
    ),
  );
}

/** The summary of the form's errors (null without errors): it takes the focus when shown. */
export function activationErrorSummary(formErrors: readonly FieldError[]): HTMLElement | null {
  return formErrors.length > 0
    ? errorSummary(
        formErrors.map((e) => ({
          href: `#${FIELD_ID[e.field]}`,
          text: t(e.message),
          focus: () => document.getElementById(FIELD_ID[e.field])?.focus(),
        })),
      )
    : null;
}

/** The fields, filled from `fields` and writing back to it as the voter types. */
export function activationFields(fields: FormFields, formErrors: readonly FieldError[]): Child[] {
  const errorOf = (field: ActivationField) => formErrors.find((e) => e.field === field);
  const input = (
    id: string,
    key: keyof FormFields,
    extra: Record<string, string | boolean | undefined>,
    error?: FieldError,
  ) =>
    h('input', {
      id,
      name: key,
      value: fields[key],
      'aria-invalid': error ? 'true' : undefined,
      oninput: (event: Event) => {
        fields[key] = fieldValue(event);
      },
      ...extra,
    });
  const fieldError = (error: FieldError | undefined, id: string) =>
    error
      ? h(
          'p',
          { class: 'field-error', id },
          h('span', { class: 'visually-hidden' }, `${t('failed')}: `),
          t(error.message),
        )
      : null;
  const idnpError = errorOf('idnp');
  const dateError = errorOf('day');
  const codeError = errorOf('code');
  return [
    h(
      'div',
      { class: `field${idnpError ? ' invalid' : ''}` },
      h('label', { for: 'idnp' }, t('actIdnp')),
      h('p', { class: 'hint', id: 'idnp-hint' }, t('actIdnpHint')),
      fieldError(idnpError, 'idnp-error'),
      input(
        'idnp',
        'idnp',
        {
          inputmode: 'numeric',
          autocomplete: 'off',
          maxlength: '16',
          class: 'wide',
          'aria-describedby': idnpError ? 'idnp-hint idnp-error' : 'idnp-hint',
        },
        idnpError,
      ),
    ),
    h(
      'fieldset',
      {
        class: `field${dateError ? ' invalid' : ''}`,
        'aria-describedby': dateError ? 'birth-hint birth-error' : 'birth-hint',
      },
      h('legend', null, t('actBirthDate')),
      h('p', { class: 'hint', id: 'birth-hint' }, t('actBirthHint')),
      fieldError(dateError, 'birth-error'),
      h(
        'div',
        { class: 'date' },
        h(
          'div',
          null,
          h('label', { for: 'birth-day' }, t('actDay')),
          input(
            'birth-day',
            'day',
            { inputmode: 'numeric', maxlength: '2', autocomplete: 'bday-day', class: 'n2' },
            dateError,
          ),
        ),
        h(
          'div',
          null,
          h('label', { for: 'birth-month' }, t('actMonth')),
          // The month by its name: a date typed month-first cannot be read as another date.
          h(
            'select',
            {
              id: 'birth-month',
              name: 'month',
              autocomplete: 'bday-month',
              'aria-invalid': dateError ? 'true' : undefined,
              onchange: (event: Event) => {
                fields.month = (event.target as HTMLSelectElement).value;
              },
            },
            h('option', { value: '', selected: fields.month === '' }, t('actMonthPick')),
            monthNames().map((name, m) =>
              h('option', { value: String(m + 1), selected: fields.month === String(m + 1) }, name),
            ),
          ),
        ),
        h(
          'div',
          null,
          h('label', { for: 'birth-year' }, t('actYear')),
          input(
            'birth-year',
            'year',
            { inputmode: 'numeric', maxlength: '4', autocomplete: 'bday-year', class: 'n4' },
            dateError,
          ),
        ),
      ),
    ),
    h(
      'div',
      { class: `field${codeError ? ' invalid' : ''}` },
      h('label', { for: 'code' }, t('actCode')),
      h('p', { class: 'hint', id: 'code-hint' }, t('actCodeHint')),
      fieldError(codeError, 'code-error'),
      input(
        'code',
        'code',
        {
          autocomplete: 'off',
          autocapitalize: 'characters',
          spellcheck: 'false',
          maxlength: '40',
          class: 'wide code-input',
          'aria-describedby': codeError ? 'code-hint code-error' : 'code-hint',
        },
        codeError,
      ),
    ),
  ];
}
