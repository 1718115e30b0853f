import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { HABITAT_OPERATION_PHASE_LABELS, HABITAT_OPERATION_TYPE_LABELS, type HabitatOperationPhase } from '@suivi-pvd/domain';
import { formatDate, formatNumber } from '@suivi-pvd/ui';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import type { ListColumn } from '../shared/data-list';
import type { OperationSummary } from './data/territoire.hooks';
import { CommunesCouvertes } from './ort.section';
import { formatMontant } from './territoire-format';

const PHASE_SEVERITY: Record<HabitatOperationPhase, 'new' | 'info' | 'success' | undefined> = {
  etude_pre_operationnelle: 'new',
  convention_signee: 'info',
  operationnelle: 'success',
  close: undefined,
};

export function PhaseBadge({ phase }: { phase: HabitatOperationPhase }) {
  return (
    <Badge small noIcon={PHASE_SEVERITY[phase] === undefined} severity={PHASE_SEVERITY[phase]}>
      {HABITAT_OPERATION_PHASE_LABELS[phase]}
    </Badge>
  );
}

/** « 1 jan. 2024 – 31 déc. 2028 », « depuis… », « jusqu’au… », or nothing. */
export function periode(dateDebut: string | null, dateFin: string | null): string {
  if (dateDebut && dateFin) return `${formatDate(dateDebut)} – ${formatDate(dateFin)}`;
  if (dateDebut) return `Depuis le ${formatDate(dateDebut)}`;
  if (dateFin) return `Jusqu’au ${formatDate(dateFin)}`;
  return '—';
}

const RIGHT: CSSProperties = { textAlign: 'right', whiteSpace: 'nowrap' };

/** The columns of an operations table (the national list and a dossier's section). */
export function operationColumns(pvdId?: string): ListColumn<OperationSummary, never>[] {
  return [
    {
      key: 'operation',
      header: 'Opération',
      cell: (o) => (
        <div style={{ minWidth: '14rem' }}>
          <Link to={`/operations-habitat/${encodeURIComponent(o.id)}`}>{o.libelle}</Link>
          <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
            {HABITAT_OPERATION_TYPE_LABELS[o.type]} – maître d’ouvrage : {o.maitreOuvrage.nom ?? o.maitreOuvrage.code}
          </span>
        </div>
      ),
    },
    {
      key: 'communes',
      header: 'Communes couvertes',
      cell: (o) => (
        <div style={{ minWidth: '10rem' }}>
          <CommunesCouvertes communes={o.communes} pvdId={pvdId} />
          <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
            {o.communes.length} commune{o.communes.length > 1 ? 's' : ''}
          </span>
        </div>
      ),
    },
    {
      key: 'phase',
      header: 'Phase',
      cell: (o) => (
        <>
          <PhaseBadge phase={o.phase} />
          <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
            {periode(o.dateDebut, o.dateFin)}
          </span>
        </>
      ),
    },
    {
      key: 'logements',
      header: 'Logements traités / objectif',
      numeric: true,
      cell: (o) => `${o.traitesTotal === null ? '—' : formatNumber(o.traitesTotal)} / ${o.objectifTotal === null ? '—' : formatNumber(o.objectifTotal)}`,
    },
    { key: 'anah', header: 'Engagement Anah', numeric: true, cell: (o) => formatMontant(o.engagementAnah) },
  ];
}

/** Operations as a DSFR table (a dossier's section: one short list, no pages). */
export function OperationsTable({ items, caption, pvdId }: { items: readonly OperationSummary[]; caption: string; pvdId?: string }) {
  const columns = operationColumns(pvdId);
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
                    <th key={c.key} scope="col" style={c.numeric ? RIGHT : undefined}>
                      {c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((o) => (
                  <tr key={o.id}>
                    {columns.map((c) => (
                      <td key={c.key} style={c.numeric ? RIGHT : undefined}>
                        {c.cell(o)}
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
