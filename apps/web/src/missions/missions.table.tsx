import { fr } from '@codegouvfr/react-dsfr';
import { MISSION_NATURE_LABELS } from '@suivi-pvd/domain';
import { StatTiles } from '@suivi-pvd/ui';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import type { MissionsPage, MissionSummary } from './data/missions.hooks';
import { formatDay, formatMontant } from './mission-format';
import { MissionStatutBadge } from './mission-statut.badge';

/**
 * The key figures of a selection of missions (amounts rounded to the euro; the table gives the
 * cents). The amounts are those of the financed missions only (the programme's counting rule).
 */
export function MissionTotals({ totaux, label }: { totaux: MissionsPage['totaux']; label: string }) {
  return (
    <>
      <StatTiles
        label={label}
        items={[
          { label: totaux.nombre > 1 ? 'Missions' : 'Mission', value: totaux.nombre },
          { label: totaux.financees > 1 ? 'Missions financées' : 'Mission financée', value: totaux.financees },
          { label: 'Montant engagé (€)', value: Math.round(totaux.montantEngage / 100) },
          { label: 'Montant versé (€)', value: Math.round(totaux.montantVerse / 100) },
        ]}
      />
      <p className={fr.cx('fr-text--xs', 'fr-mt-1w')}>
        Les montants ne comptent que les missions financées (accordées, en cours ou livrées, depuis leur date d’engagement) : les missions demandées ou abandonnées
        sont listées mais pas additionnées.
      </p>
    </>
  );
}

const AMOUNT: CSSProperties = { textAlign: 'right', whiteSpace: 'nowrap' };
const NOWRAP: CSSProperties = { whiteSpace: 'nowrap' };

/** Missions as a DSFR table: title (link to the mission) and nature, PVD, funder, status, amounts, dates. */
export function MissionsTable({
  items,
  caption,
  showPvd,
  linkPvd,
}: {
  items: readonly MissionSummary[];
  caption: string;
  /** Whether the PVD column is shown (not in a dossier). */
  showPvd: boolean;
  /** Whether the PVD links to its dossier (for those who read dossiers). */
  linkPvd: boolean;
}) {
  return (
    <div className={fr.cx('fr-table', 'fr-table--no-caption', 'fr-table--multiline', 'fr-mb-2w')}>
      <div className={fr.cx('fr-table__wrapper')}>
        <div className={fr.cx('fr-table__container')}>
          <div className={fr.cx('fr-table__content')}>
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Mission</th>
                  {showPvd && <th scope="col">Petite ville de demain</th>}
                  <th scope="col">Financeur</th>
                  <th scope="col">Statut</th>
                  <th scope="col" style={AMOUNT}>
                    Engagé
                  </th>
                  <th scope="col" style={AMOUNT}>
                    Versé
                  </th>
                  <th scope="col">Dates</th>
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id}>
                    <td style={{ minWidth: '12rem' }}>
                      <Link to={`/missions/${encodeURIComponent(m.id)}`}>{m.intitule}</Link>
                      <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
                        {MISSION_NATURE_LABELS[m.nature]}
                      </span>
                    </td>
                    {showPvd && (
                      <td>
                        {linkPvd ? <Link to={`/pvd/${encodeURIComponent(m.pvdId)}`}>{m.pvdNom}</Link> : m.pvdNom}
                        <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
                          Département {m.departementCode}
                        </span>
                      </td>
                    )}
                    <td>{m.financeurNom}</td>
                    <td style={NOWRAP}>
                      <MissionStatutBadge statut={m.statut} small />
                    </td>
                    <td style={AMOUNT}>{formatMontant(m.montantEngage)}</td>
                    <td style={AMOUNT}>{formatMontant(m.montantVerse)}</td>
                    <td style={NOWRAP}>
                      {m.dateEngagement && <span style={{ display: 'block' }}>Engagement : {formatDay(m.dateEngagement)}</span>}
                      {m.dateDebut || m.dateFin ? (
                        <>
                          <span style={{ display: 'block' }}>Début : {formatDay(m.dateDebut) ?? '—'}</span>
                          <span style={{ display: 'block' }}>Fin : {formatDay(m.dateFin) ?? '—'}</span>
                        </>
                      ) : (
                        !m.dateEngagement && '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
