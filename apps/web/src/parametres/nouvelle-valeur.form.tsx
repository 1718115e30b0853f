import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { isApiError } from '@suivi-pvd/api-client';
import {
  HABITAT_OPERATION_TYPES,
  HABITAT_OPERATION_TYPE_LABELS,
  PROGRAMME_START,
  REFERENCE_DECISION_MAX,
  anneesEnMots,
  anneesRecalculees,
  estRetroactive,
  isHabitatOperationType,
  isIsoDate,
  type HabitatOperationType,
  type ParametreCle,
  type ParametresHistorique,
} from '@suivi-pvd/domain';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useAddParametreValeur, type Parametre } from './data/parametres.hooks';
import { formatJour } from './parametres-format';
import { nouvelleValeurErreur, type NouvelleValeurField as Field } from './nouvelle-valeur.rules';

const FIELDS: readonly Field[] = ['valeur', 'dateEffet', 'decideLe', 'reference'];

const NUMBER_HINTS: Record<'taux' | 'montant' | 'mois', string> = {
  taux: 'En pourcentage, de 0 à 100 (deux décimales au plus). Par exemple : 75',
  montant: 'En euros, deux décimales au plus. Par exemple : 45000',
  mois: 'Nombre entier de mois, de 1 à 120. Par exemple : 18',
};

const UNITS: Record<'taux' | 'montant' | 'mois', string> = { taux: '%', montant: '€', mois: 'mois' };

/**
 * A hint shown under the label but kept out of the field's accessible name (which stays exactly
 * the label); the field refers to it with aria-describedby.
 */
function Hint({ id, children }: { id: string; children: string }) {
  return (
    <span id={id} aria-hidden="true">
      {children}
    </span>
  );
}

/** "75,5" or "45 000" as typed -> a number; undefined when empty or not a number (the domain says why). */
function parseNumber(text: string): number | undefined {
  const normalized = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (normalized === '') return undefined;
  const value = Number(normalized);
  return Number.isFinite(value) ? value : undefined;
}

/** What a new value from `dateEffet`, decided on `decideLe`, will change, in words; null while the date is not a day. */
function consequences(parametre: Parametre, dateEffet: string, decideLe: string, aujourdhui: string): { passe: boolean; retroactive: boolean; texte: string } | null {
  if (!isIsoDate(dateEffet) || dateEffet < PROGRAMME_START) return null;
  const historique: ParametresHistorique = {
    [parametre.cle as ParametreCle]: parametre.valeurs.map((v) => ({ dateEffet: v.dateEffet, valeur: v.valeur, decideLe: v.decideLe, saisieLe: v.creeLe })),
  };
  const annees = anneesEnMots(anneesRecalculees(historique, parametre.cle, dateEffet));
  const retroactive = isIsoDate(decideLe) && estRetroactive(dateEffet, decideLe);
  const passe = dateEffet < aujourdhui;
  const effet =
    parametre.cle === 'delai_convention_cadre_mois'
      ? `Les échéances des conventions-cadres dont la convention d’adhésion est signée à partir du ${formatJour(dateEffet)} suivront ce délai.`
      : `Le cofinancement des postes de chef de projet sera recalculé pour ${annees} ; chaque poste dont le montant change le verra dans son historique.`;
  if (retroactive) {
    return { passe, retroactive, texte: `Décidée le ${formatJour(decideLe)}, elle s’applique depuis le ${formatJour(dateEffet)}, avant sa décision. ${effet}` };
  }
  if (passe) return { passe, retroactive, texte: `Elle s’applique depuis le ${formatJour(dateEffet)}, un jour déjà passé. ${effet}` };
  return { passe, retroactive, texte: effet };
}

/**
 * Records a new value of one parameter from a date, with the day of its decision and its
 * reference. A value may reach back before today (a decision taken after the fact): the form says
 * so, names the years recomputed and asks for the decision's reference. Checked with the domain's
 * rules before sending; the API's messages appear beside the field they concern.
 */
export function NouvelleValeurForm({
  parametre,
  aujourdhui,
  onSaved,
  onClose,
}: {
  parametre: Parametre;
  aujourdhui: string;
  /** Called with the value, its effective date and its decision day. */
  onSaved: (valeur: unknown, dateEffet: string, decideLe: string) => void;
  onClose: () => void;
}) {
  const add = useAddParametreValeur();
  const nature = parametre.nature;
  const [texte, setTexte] = useState('');
  const [sansFin, setSansFin] = useState(false);
  const [operations, setOperations] = useState<HabitatOperationType[]>(() =>
    Array.isArray(parametre.valeurActuelle) ? parametre.valeurActuelle.filter(isHabitatOperationType) : [],
  );
  const [dateEffet, setDateEffet] = useState('');
  const [decideLe, setDecideLe] = useState(aujourdhui);
  const [reference, setReference] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const baseId = useId();
  const hintIds = { valeur: `${baseId}-valeur-hint`, dateEffet: `${baseId}-date-hint`, decideLe: `${baseId}-decision-hint`, reference: `${baseId}-reference-hint`, effet: `${baseId}-effet` };

  // Opening the form moves the focus to its first field.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input:not([disabled])')?.focus();
  }, []);

  const apiError = isApiError(add.error) ? add.error : null;
  const error = (field: Field) => clientErrors[field] ?? apiError?.fieldMessage(field);
  const shownOnFields = FIELDS.some((field) => apiError?.fieldMessage(field));

  const focusFirstInvalid = () =>
    requestAnimationFrame(() => {
      const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fr-fieldset--error input');
      if (invalid) invalid.focus();
      else alertRef.current?.focus();
    });

  const valeur = (): unknown => {
    switch (nature) {
      case 'taux':
      case 'montant':
      case 'mois':
        return parseNumber(texte);
      case 'date_fin':
        return sansFin ? null : texte || undefined;
      case 'operations':
        return HABITAT_OPERATION_TYPES.filter((t) => operations.includes(t));
    }
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (add.isPending) return;
    add.reset();
    const value = valeur();
    const errors = nouvelleValeurErreur(parametre.cle, value, dateEffet, aujourdhui, { decideLe, reference });
    setClientErrors(errors);
    if (FIELDS.some((field) => errors[field])) {
      focusFirstInvalid();
      return;
    }
    add.mutate(
      { cle: parametre.cle, valeur: value, dateEffet, decideLe, reference: reference.trim() || null },
      { onSuccess: () => onSaved(value, dateEffet, decideLe), onError: focusFirstInvalid },
    );
  };

  const valeurError = error('valeur');
  const dateError = error('dateEffet');
  const decisionError = error('decideLe');
  const referenceError = error('reference');
  const effet = consequences(parametre, dateEffet, decideLe, aujourdhui);

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate>
      <div ref={alertRef} tabIndex={-1}>
        {add.error && (!shownOnFields || apiError?.code !== 'VALIDATION_FAILED') && (
          <QueryErrorAlert error={add.error} title="La nouvelle valeur n’a pas été enregistrée" spacing="fr-mb-3w" />
        )}
      </div>

      {(nature === 'taux' || nature === 'montant' || nature === 'mois') && (
        <Input
          label="Nouvelle valeur"
          hintText={<Hint id={hintIds.valeur}>{NUMBER_HINTS[nature]}</Hint>}
          style={{ maxWidth: '22rem' }}
          state={valeurError ? 'error' : 'default'}
          stateRelatedMessage={valeurError}
          addon={
            <span
              aria-hidden="true"
              className={fr.cx('fr-px-2w')}
              style={{
                display: 'flex',
                alignItems: 'center',
                whiteSpace: 'nowrap',
                backgroundColor: fr.colors.decisions.background.contrast.grey.default,
                boxShadow: `inset 0 -2px 0 0 ${valeurError ? fr.colors.decisions.border.plain.error.default : fr.colors.decisions.border.plain.grey.default}`,
              }}
            >
              {UNITS[nature]}
            </span>
          }
          nativeInputProps={{
            name: 'valeur',
            type: 'number',
            inputMode: nature === 'mois' ? 'numeric' : 'decimal',
            step: nature === 'mois' ? 1 : 0.01,
            min: nature === 'mois' ? 1 : 0,
            max: nature === 'taux' ? 100 : nature === 'mois' ? 120 : undefined,
            value: texte,
            autoComplete: 'off',
            'aria-invalid': valeurError ? true : undefined,
            'aria-describedby': hintIds.valeur,
            onChange: (e) => setTexte(e.currentTarget.value),
          }}
        />
      )}

      {nature === 'date_fin' && (
        <>
          <Input
            label="Nouvelle valeur"
            hintText={<Hint id={hintIds.valeur}>Dernier jour cofinancé, au format JJ/MM/AAAA.</Hint>}
            style={{ maxWidth: '22rem' }}
            disabled={sansFin}
            state={valeurError && !sansFin ? 'error' : 'default'}
            stateRelatedMessage={valeurError}
            nativeInputProps={{
              name: 'valeur',
              type: 'date',
              value: sansFin ? '' : texte,
              'aria-invalid': valeurError && !sansFin ? true : undefined,
              'aria-describedby': hintIds.valeur,
              onChange: (e) => setTexte(e.currentTarget.value),
            }}
          />
          <Checkbox
            small
            className={fr.cx('fr-mb-2w')}
            // With « sans fin », the value's error (from the API) shows here, the date being disabled.
            state={valeurError && sansFin ? 'error' : 'default'}
            stateRelatedMessage={valeurError}
            options={[
              {
                label: 'Sans date de fin',
                nativeInputProps: {
                  name: 'sansFin',
                  checked: sansFin,
                  onChange: (e) => {
                    setSansFin(e.currentTarget.checked);
                    setClientErrors((current) => ({ ...current, valeur: undefined }));
                  },
                },
              },
            ]}
          />
        </>
      )}

      {nature === 'operations' && (
        <Checkbox
          legend="Nouvelle valeur"
          hintText={
            <span aria-hidden="true">
              Les types d’opération d’habitat qui ouvriront le cofinancement de l’Anah à partir de la date d’effet. Les cases cochées reprennent
              la liste en vigueur.
            </span>
          }
          small
          state={valeurError ? 'error' : 'default'}
          stateRelatedMessage={valeurError}
          options={HABITAT_OPERATION_TYPES.map((type) => ({
            label: HABITAT_OPERATION_TYPE_LABELS[type],
            nativeInputProps: {
              name: 'operations',
              value: type,
              checked: operations.includes(type),
              onChange: (e) => {
                const checked = e.currentTarget.checked;
                setOperations((current) => (checked ? [...current, type] : current.filter((t) => t !== type)));
              },
            },
          }))}
        />
      )}

      <Input
        label="Date d’effet"
        hintText={
          <Hint id={hintIds.dateEffet}>
            {`Premier jour où la valeur s’applique, au plus tôt le ${formatJour(PROGRAMME_START)}. Un jour passé rend la valeur rétroactive : le cofinancement déjà calculé est revu.`}
          </Hint>
        }
        style={{ maxWidth: '22rem' }}
        state={dateError ? 'error' : 'default'}
        stateRelatedMessage={dateError}
        nativeInputProps={{
          name: 'dateEffet',
          type: 'date',
          min: PROGRAMME_START,
          value: dateEffet,
          'aria-invalid': dateError ? true : undefined,
          'aria-describedby': effet ? `${hintIds.dateEffet} ${hintIds.effet}` : hintIds.dateEffet,
          onChange: (e) => setDateEffet(e.currentTarget.value),
        }}
      />

      <Input
        label="Date de la décision"
        hintText={<Hint id={hintIds.decideLe}>{`Jour où la décision a été prise : aujourd’hui (${formatJour(aujourdhui)}) ou avant.`}</Hint>}
        style={{ maxWidth: '22rem' }}
        state={decisionError ? 'error' : 'default'}
        stateRelatedMessage={decisionError}
        nativeInputProps={{
          name: 'decideLe',
          type: 'date',
          max: aujourdhui,
          value: decideLe,
          'aria-invalid': decisionError ? true : undefined,
          'aria-describedby': hintIds.decideLe,
          onChange: (e) => {
            setDecideLe(e.currentTarget.value);
            setClientErrors((current) => ({ ...current, decideLe: undefined, reference: undefined }));
          },
        }}
      />

      <Input
        label="Référence de la décision"
        hintText={
          <Hint id={hintIds.reference}>
            {effet?.passe
              ? 'Obligatoire : la valeur s’applique à des jours passés. Arrêté, circulaire, courrier… (300 caractères au plus).'
              : 'Arrêté, circulaire, courrier… Obligatoire pour une valeur qui s’applique avant aujourd’hui.'}
          </Hint>
        }
        style={{ maxWidth: '40rem' }}
        state={referenceError ? 'error' : 'default'}
        stateRelatedMessage={referenceError}
        nativeInputProps={{
          name: 'reference',
          value: reference,
          maxLength: REFERENCE_DECISION_MAX,
          autoComplete: 'off',
          required: effet?.passe ?? false,
          'aria-invalid': referenceError ? true : undefined,
          'aria-describedby': hintIds.reference,
          onChange: (e) => {
            setReference(e.currentTarget.value);
            setClientErrors((current) => ({ ...current, reference: undefined }));
          },
        }}
      />

      {effet && (
        <div id={hintIds.effet} aria-live="polite">
          {effet.passe ? (
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="warning"
              as="h4"
              title={effet.retroactive ? 'Valeur rétroactive' : 'Valeur qui s’applique à des jours passés'}
              description={effet.texte}
            />
          ) : (
            <Alert className={fr.cx('fr-mb-3w')} severity="info" small description={effet.texte} />
          )}
        </div>
      )}

      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm', 'fr-mb-0')}>
        <li>
          <Button type="submit" disabled={add.isPending}>
            {add.isPending ? 'Enregistrement…' : 'Enregistrer la nouvelle valeur'}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onClose}>
            Abandonner la saisie
          </Button>
        </li>
      </ul>
    </form>
  );
}
