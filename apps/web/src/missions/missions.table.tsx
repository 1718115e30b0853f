import { fr } from '@codegouvfr/react-dsfr';
import { MISSION_NATURE_LABELS } from '@suivi-pvd/domain';
import { StatTiles } from '@suivi-pvd/ui';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import type { ListColumn } from '../shared/data-list';
import type { MissionsPage, MissionSummary } from './data/missions.hooks';
import { formatDay, formatMontant } from './mission-format';
import { MissionStatutBadge } from './mission-statut.badge';
import { DepartementNom } from '../referentiel/aire-nom';

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

/** The columns of a missions table (the list, a dossier's section): title and nature, PVD, funder, status, amounts, dates. */
export function missionColumns({ showPvd, linkPvd }: { showPvd: boolean; linkPvd: boolean }): ListColumn<MissionSummary, never>[] {
  const columns: ListColumn<MissionSummary, never>[] = [
    {
      key: 'mission',
      header: 'Mission',
      cell: (m) => (
        <div style={{ minWidth: '12rem' }}>
          <Link to={`/missions/${encodeURIComponent(m.id)}`}>{m.intitule}</Link>
          <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
            {MISSION_NATURE_LABELS[m.nature]}
          </span>
        </div>
      ),
    },
  ];
  if (showPvd) {
    columns.push({
      key: 'pvd',
      header: 'Petite ville de demain',
      cell: (m) => (
        <>
          {linkPvd ? <Link to={`/pvd/${encodeURIComponent(m.pvdId)}`}>{m.pvdNom}</Link> : m.pvdNom}
          <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
            <DepartementNom code={m.departementCode} />
          </span>
        </>
      ),
    });
  }
  columns.push(
    { key: 'financeur', header: 'Financeur', cell: (m) => m.financeurNom },
    {
      key: 'statut',
      header: 'Statut',
      cell: (m) => (
        <span style={NOWRAP}>
          <MissionStatutBadge statut={m.statut} small />
        </span>
      ),
    },
    { key: 'engage', header: 'Engagé', numeric: true, cell: (m) => <span style={NOWRAP}>{formatMontant(m.montantEngage)}</span> },
    { key: 'verse', header: 'Versé', numeric: true, cell: (m) => <span style={NOWRAP}>{formatMontant(m.montantVerse)}</span> },
    {
      key: 'dates',
      header: 'Dates',
      cell: (m) => (
        <span style={NOWRAP}>
          {m.dateEngagement && <span style={{ display: 'block' }}>Engagement : {formatDay(m.dateEngagement)}</span>}
          {m.dateDebut || m.dateFin ? (
            <>
              <span style={{ display: 'block' }}>Début : {formatDay(m.dateDebut) ?? '—'}</span>
              <span style={{ display: 'block' }}>Fin : {formatDay(m.dateFin) ?? '—'}</span>
            </>
          ) : (
            !m.dateEngagement && '—'
          )}
        </span>
      ),
    },
  );
  return columns;
}

/** Missions as a DSFR table (a dossier's section: one short list, no pages). */
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
  const columns = missionColumns({ showPvd, linkPvd });
  return (
    <div className={fr.cx('fr-table', 'fr-table--no-caption', 'fr-table--multiline', 'fr-mb-2w')}>
      <div className={fr.cx('fr-table__wrapper')}>
        <div className={fr.cx('fr-table__container')}>
          <div className={fr.cx('fr-table__content')}>
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c.key} scope="col" style={c.numeric ? AMOUNT : undefined}>
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((m) => (
                  <tr key={m.id}>
                    {columns.map((c) => (
                      <td key={c.key} style={c.numeric ? AMOUNT : undefined}>
                        {c.cell(m)}
                      </td>
                    ))}
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
