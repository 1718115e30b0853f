import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { PARAMETRES, PROGRAMME_START, addDaysIso, formatParametreValeur } from '@suivi-pvd/domain';
import { formatDateTime } from '@suivi-pvd/ui';
import { useRef, useState } from 'react';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useCancelParametreValeur, type Parametre, type ParametreStatut } from './data/parametres.hooks';
import { DsfrTable } from './dsfr-table';
import { NouvelleValeurForm } from './nouvelle-valeur.form';
import { STATUT_LABELS, STATUT_SEVERITY, formatJour, sectionId } from './parametres-format';

/** A row of the history: a stored value, or the programme's initial value when none covers its start. */
interface HistoryRow {
  id: string;
  dateEffet: string;
  /** Last day it applies, as decided so far; null: until further notice (or replaced). */
  dateFin: string | null;
  libelle: string;
  statut: ParametreStatut;
  /** Day of the decision; null for the programme's initial value. */
  decideLe: string | null;
  reference: string | null;
  retroactive: boolean;
  creePar: string;
  creeLe: string | null;
  annulable: boolean;
}

function historyRows(parametre: Parametre): HistoryRow[] {
  const rows: HistoryRow[] = parametre.valeurs.map((v) => ({
    id: v.id,
    dateEffet: v.dateEffet,
    dateFin: v.dateFin,
    libelle: v.libelle,
    statut: v.statut,
    decideLe: v.decideLe,
    reference: v.reference,
    retroactive: v.retroactive,
    // No author: a value loaded with the programme's rules, or an account since deleted.
    creePar: v.creePar ?? (v.dateEffet === PROGRAMME_START ? 'Valeur initiale du programme' : 'Non renseigné'),
    creeLe: v.creePar ? v.creeLe : null,
    annulable: v.annulable,
  }));
  // Until a stored value applies, the value written in the programme's rules does: show it as the first line.
  if (!parametre.valeurs.some((v) => v.dateEffet <= PROGRAMME_START)) {
    const first = parametre.valeurs.find((v) => v.statut !== 'remplacee');
    rows.unshift({
      id: 'initiale',
      dateEffet: PROGRAMME_START,
      dateFin: first ? addDaysIso(first.dateEffet, -1) : null,
      libelle: formatParametreValeur(parametre.cle, PARAMETRES[parametre.cle].defaut),
      statut: parametre.valeurs.some((v) => v.statut === 'en_vigueur' || v.statut === 'passee') ? 'passee' : 'en_vigueur',
      decideLe: null,
      reference: null,
      retroactive: false,
      creePar: 'Valeur initiale du programme',
      creeLe: null,
      annulable: false,
    });
  }
  return rows;
}

/** The period of a value in words, its first day in its own element (the cancel button refers to it). */
function Periode({ id, row, aujourdhui }: { id: string; row: HistoryRow; aujourdhui: string }) {
  const debut = <span id={id}>{formatJour(row.dateEffet)}</span>;
  if (row.statut === 'remplacee') return <>à partir du {debut}, remplacée par une décision plus récente</>;
  if (row.dateFin) {
    return (
      <>
        du {debut} au {formatJour(row.dateFin)}
      </>
    );
  }
  return row.dateEffet <= aujourdhui ? <>depuis le {debut}</> : <>à partir du {debut}</>;
}

/**
 * One programme parameter: the value in force, every dated value with its period of application
 * and its decision (past, in force, to come, replaced) and the form to enter a new one. A value to
 * come can be cancelled, after a confirmation.
 */
export function ParametreSection({ parametre, aujourdhui }: { parametre: Parametre; aujourdhui: string }) {
  const [formOpen, setFormOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const cancel = useCancelParametreValeur();
  const messageRef = useRef<HTMLDivElement>(null);
  const id = sectionId(parametre.cle);
  const openButtonId = `${id}-prevoir`;
  const formId = `${id}-formulaire`;
  const rows = historyRows(parametre);
  const prochaine = parametre.valeurs.find((v) => v.statut === 'a_venir');
  const confirming = rows.find((row) => row.id === confirmingId && row.annulable);

  const focusMessage = () => requestAnimationFrame(() => messageRef.current?.focus());
  const focusOpenButton = () => requestAnimationFrame(() => document.getElementById(openButtonId)?.focus());

  const open = () => {
    setMessage(null);
    cancel.reset();
    setConfirmingId(null);
    setFormOpen(true);
  };

  const confirmCancel = (row: HistoryRow) => {
    cancel.mutate(row.id, {
      onSuccess: () => {
        setConfirmingId(null);
        setMessage(`Valeur prévue à partir du ${formatJour(row.dateEffet)} annulée : ${row.libelle}.`);
        focusMessage();
      },
      onError: () => {
        setConfirmingId(null);
        focusMessage();
      },
    });
  };

  return (
    <section
      id={id}
      aria-labelledby={`${id}-titre`}
      className={fr.cx('fr-p-3w', 'fr-mb-4w')}
      style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}
    >
      <h2 id={`${id}-titre`} className={fr.cx('fr-h4', 'fr-mb-1w')}>
        {parametre.libelle}
      </h2>
      <p className={fr.cx('fr-text--sm', 'fr-mb-2w')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
        {parametre.aide}
      </p>
      <p className={fr.cx('fr-text--lg', 'fr-mb-1w')}>
        En vigueur : <strong>{parametre.libelleActuel}</strong>
      </p>
      {prochaine && (
        <p className={fr.cx('fr-mb-2w')}>
          Prochaine valeur : <strong>{prochaine.libelle}</strong> à partir du {formatJour(prochaine.dateEffet)}
        </p>
      )}

      <div ref={messageRef} tabIndex={-1} style={{ outlineOffset: 2 }}>
        {message && (
          <Alert
            className={fr.cx('fr-mb-2w')}
            severity="success"
            role="status"
            small
            closable
            onClose={() => {
              setMessage(null);
              focusOpenButton();
            }}
            description={message}
          />
        )}
        {cancel.error && <QueryErrorAlert error={cancel.error} title="La valeur n’a pas été annulée" spacing="fr-mb-3w" />}
      </div>

      <DsfrTable caption={`Valeurs datées : ${parametre.libelle}`} headers={['Période d’application', 'Valeur', 'Décision', 'Statut', 'Saisie', 'Action']}>
        {rows.map((row) => (
            <tr key={row.id}>
              <td style={{ whiteSpace: 'normal', minWidth: '9rem' }}>
                <Periode id={`${id}-${row.id}-date`} row={row} aujourdhui={aujourdhui} />
              </td>
              <td style={{ whiteSpace: 'normal', minWidth: '8rem' }}>{row.libelle}</td>
              <td style={{ whiteSpace: 'normal', minWidth: '9rem' }}>
                {row.decideLe ? <>le {formatJour(row.decideLe)}</> : 'Règles du programme'}
                {row.retroactive && (
                  <>
                    <br />
                    <Badge as="span" small severity="warning">
                      Rétroactive
                    </Badge>
                  </>
                )}
                {row.reference && (
                  <>
                    <br />
                    <span className={fr.cx('fr-text--xs')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
                      Réf. : {row.reference}
                    </span>
                  </>
                )}
              </td>
              <td>
                <Badge as="span" small noIcon {...(STATUT_SEVERITY[row.statut] ? { severity: STATUT_SEVERITY[row.statut] } : {})}>
                  {STATUT_LABELS[row.statut]}
                </Badge>
              </td>
              <td style={{ whiteSpace: 'normal' }}>
                {row.creePar}
                {row.creeLe && (
                  <>
                    <br />
                    <span className={fr.cx('fr-text--xs')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
                      le {formatDateTime(row.creeLe)}
                    </span>
                  </>
                )}
              </td>
              <td>
                {row.annulable && (
                  <Button
                    size="small"
                    priority="tertiary"
                    iconId="fr-icon-close-circle-line"
                    onClick={() => {
                      cancel.reset();
                      setMessage(null);
                      setConfirmingId(row.id);
                    }}
                    nativeButtonProps={{
                      id: `${id}-${row.id}-annuler`,
                      'aria-describedby': `${id}-${row.id}-date`,
                      'aria-expanded': confirmingId === row.id,
                      'aria-controls': confirmingId === row.id ? `${id}-confirmation` : undefined,
                    }}
                  >
                    Annuler
                  </Button>
                )}
              </td>
            </tr>
        ))}
      </DsfrTable>
      {confirming && (
        <CancelConfirmation
          id={`${id}-confirmation`}
          row={confirming}
          pending={cancel.isPending}
          onConfirm={() => confirmCancel(confirming)}
          onKeep={() => {
            setConfirmingId(null);
            requestAnimationFrame(() => document.getElementById(`${id}-${confirming.id}-annuler`)?.focus());
          }}
        />
      )}

      {formOpen ? (
        <div id={formId} className={fr.cx('fr-p-3w')} style={{
              border: `1px solid ${fr.colors.decisions.border.default.grey.default}`,
              boxShadow: `inset 4px 0 0 0 ${fr.colors.decisions.border.plain.blueFrance.default}`,
            }}>
          <h3 className={fr.cx('fr-h6', 'fr-mb-2w')}>Nouvelle valeur</h3>
          <NouvelleValeurForm
            parametre={parametre}
            aujourdhui={aujourdhui}
            onSaved={(valeur, dateEffet, decideLe) => {
              setFormOpen(false);
              const recalcul =
                dateEffet < aujourdhui && parametre.cle !== 'delai_convention_cadre_mois'
                  ? ` ${dateEffet < decideLe ? `Valeur rétroactive, décidée le ${formatJour(decideLe)}` : 'Elle s’applique à des jours passés'} : le cofinancement des postes concernés est recalculé et inscrit à leur historique.`
                  : '';
              setMessage(`Nouvelle valeur enregistrée : ${formatParametreValeur(parametre.cle, valeur)} à partir du ${formatJour(dateEffet)}.${recalcul}`);
              focusMessage();
            }}
            onClose={() => {
              setFormOpen(false);
              focusOpenButton();
            }}
          />
        </div>
      ) : (
        <Button
          priority="secondary"
          iconId="fr-icon-add-line"
          onClick={open}
          nativeButtonProps={{ id: openButtonId }}
        >
          Saisir une nouvelle valeur
        </Button>
      )}
    </section>
  );
}

/** The confirmation of a cancellation, under the history table. */
function CancelConfirmation({
  id,
  row,
  pending,
  onConfirm,
  onKeep,
}: {
  id: string;
  row: HistoryRow;
  pending: boolean;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  return (
    <div
      id={id}
      role="group"
      aria-label={`Confirmation : annuler la valeur prévue à partir du ${formatJour(row.dateEffet)}`}
      className={fr.cx('fr-p-2w', 'fr-mb-2w')}
      style={{
        border: `1px solid ${fr.colors.decisions.border.default.grey.default}`,
        boxShadow: `inset 4px 0 0 0 ${fr.colors.decisions.border.plain.warning.default}`,
      }}
    >
      <p className={fr.cx('fr-mb-1w')}>
        Annuler la valeur prévue à partir du {formatJour(row.dateEffet)} ({row.libelle}) ? Elle ne s’appliquera pas.
      </p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--sm', 'fr-btns-group--inline-md', 'fr-mb-0')}>
        <li>
          <Button size="small" disabled={pending} onClick={onConfirm} nativeButtonProps={{ autoFocus: true }}>
            {pending ? 'Annulation…' : 'Confirmer l’annulation'}
          </Button>
        </li>
        <li>
          <Button size="small" priority="secondary" disabled={pending} onClick={onKeep}>
            Garder cette valeur
          </Button>
        </li>
      </ul>
    </div>
  );
}
