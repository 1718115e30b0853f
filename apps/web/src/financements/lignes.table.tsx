import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { FINANCEMENT_NATURE_LABELS, FINANCEMENT_STATUT_LABELS, HORS_PVD_LABEL, PILIER_LABELS, type FinancementStatut } from '@suivi-pvd/domain';
import { StatTiles } from '@suivi-pvd/ui';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import type { ListColumn } from '../shared/data-list';
import type { LignesPage, LigneSummary } from './data/financements.hooks';
import { formatMontant, sourceLabel, statutDate } from './financements-format';
import { DepartementNom } from '../referentiel/aire-nom';

const SEVERITY: Record<FinancementStatut, 'new' | 'info' | 'success' | undefined> = { demande: 'new', engage: 'info', contractualise: 'info', verse: 'success' };

export function StatutBadge({ statut }: { statut: FinancementStatut }) {
  return (
    <Badge small severity={SEVERITY[statut]} noIcon>
      {FINANCEMENT_STATUT_LABELS[statut]}
    </Badge>
  );
}

/** Flags a line whose beneficiary is outside the programme today: listed, not counted. */
export function HorsPvdBadge() {
  return (
    <Badge small severity="warning" noIcon>
      {HORS_PVD_LABEL}
    </Badge>
  );
}

/**
 * The key figures of a selection (amounts rounded to the euro; the table gives the cents). The
 * amounts and counts leave out the lines « hors PVD » (the programme's counting rule).
 */
export function LignesTotals({ totaux, label, parPilier }: { totaux: LignesPage['totaux']; label: string; parPilier?: boolean }) {
  const euros = (cents: number) => Math.round(cents / 100);
  return (
    <>
      <StatTiles
        label={label}
        items={[
          { label: totaux.nombre > 1 ? 'Lignes de financement' : 'Ligne de financement', value: totaux.nombre },
          ...(parPilier
            ? [
                { label: 'Engagé – ingénierie (€)', value: euros(totaux.engageParPilier.ingenierie) },
                { label: 'Engagé – appui thématique (€)', value: euros(totaux.engageParPilier.thematique) },
              ]
            : [
                { label: 'Montant engagé (€)', value: euros(totaux.montantEngage) },
                { label: 'Montant versé (€)', value: euros(totaux.montantVerse) },
              ]),
          { label: 'Total, demandes comprises (€)', value: euros(totaux.montant) },
          ...(totaux.logements > 0 ? [{ label: 'Logements rénovés', value: totaux.logements }] : []),
          ...(totaux.dossiers > 0 ? [{ label: 'Dossiers acceptés', value: totaux.dossiers }] : []),
        ]}
      />
      {totaux.nombreHorsPvd > 0 && (
        <p className={fr.cx('fr-text--xs', 'fr-mt-1w')}>
          {totaux.nombreHorsPvd > 1
            ? `${totaux.nombreHorsPvd} lignes hors PVD (bénéficiaire hors du programme aujourd’hui) sont listées mais ne comptent pas dans les montants.`
            : '1 ligne hors PVD (bénéficiaire hors du programme aujourd’hui) est listée mais ne compte pas dans les montants.'}
        </p>
      )}
    </>
  );
}

const AMOUNT: CSSProperties = { textAlign: 'right', whiteSpace: 'nowrap' };
const SMALL: CSSProperties = { display: 'block' };

/** The columns of a financing lines table (the national list, a dossier's section); « Modifier » on the lines the user may write. */
export function ligneColumns({ showBeneficiaire, onEdit }: { showBeneficiaire: boolean; onEdit?: (id: string) => void }): ListColumn<LigneSummary, never>[] {
  const columns: ListColumn<LigneSummary, never>[] = [
    {
      key: 'projet',
      header: 'Projet',
      cell: (l) => (
        <div style={{ minWidth: '12rem' }}>
          {l.projet}
          {(l.anneeCampagne || l.referenceExterne) && (
            <span className={fr.cx('fr-text--xs', 'fr-mb-0')} style={SMALL}>
              {[l.anneeCampagne && `Campagne ${l.anneeCampagne}`, l.referenceExterne && `Réf. ${l.referenceExterne}`].filter(Boolean).join(' · ')}
            </span>
          )}
        </div>
      ),
    },
    {
      key: 'beneficiaire',
      header: 'Bénéficiaire',
      cell: (l) => (
        <>
          {showBeneficiaire ? l.beneficiaireNom : l.beneficiaireType === 'epci' ? `EPCI : ${l.beneficiaireNom}` : l.beneficiaireNom}
          {showBeneficiaire && (
            <span className={fr.cx('fr-text--xs')} style={SMALL}>
              {l.beneficiaireType === 'epci' ? 'EPCI' : 'Commune'}
              {l.departementCode && (
                <>
                  {' · '}
                  <DepartementNom code={l.departementCode} />
                </>
              )}
            </span>
          )}
          {/* The dossiers of the beneficiary's PVDs the user opens (a partner: those of its lines, in summary). */}
          {showBeneficiaire && l.pvds.length > 0 && (
            <span className={fr.cx('fr-text--xs')} style={SMALL}>
              {l.pvds.length > 1 ? 'Dossiers PVD : ' : 'Dossier PVD : '}
              {l.pvds.map((p, i) => (
                <span key={p.id}>
                  {i > 0 && ', '}
                  <Link to={`/pvd/${encodeURIComponent(p.id)}`}>{p.nom}</Link>
                </span>
              ))}
            </span>
          )}
          {l.horsPvd && (
            <span style={SMALL}>
              <HorsPvdBadge />
            </span>
          )}
        </>
      ),
    },
    {
      key: 'dispositif',
      header: 'Dispositif',
      cell: (l) => (
        <>
          {l.dispositifNom}
          <span className={fr.cx('fr-text--xs')} style={SMALL}>
            {l.financeurNom} · {PILIER_LABELS[l.pilier]} · {FINANCEMENT_NATURE_LABELS[l.nature]}
          </span>
        </>
      ),
    },
    {
      key: 'statut',
      header: 'Statut',
      cell: (l) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <StatutBadge statut={l.statut} />
          {statutDate(l, l.statut) && (
            <span className={fr.cx('fr-text--xs')} style={SMALL}>
              le {statutDate(l, l.statut)}
            </span>
          )}
        </span>
      ),
    },
    {
      key: 'montant',
      header: 'Montant',
      numeric: true,
      cell: (l) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatMontant(l.montant)}
          {(l.logements !== null || l.dossiers !== null) && (
            <span className={fr.cx('fr-text--xs')} style={SMALL}>
              {[l.logements !== null && `${l.logements} logement${l.logements > 1 ? 's' : ''}`, l.dossiers !== null && `${l.dossiers} dossier${l.dossiers > 1 ? 's' : ''}`]
                .filter(Boolean)
                .join(' · ')}
            </span>
          )}
        </span>
      ),
    },
    { key: 'source', header: 'Source', cell: (l) => sourceLabel(l.source, l.dateSource) ?? '—' },
  ];
  if (onEdit) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      hideHeader: true,
      cell: (l) =>
        l.peutModifier && (
          <Button size="small" priority="tertiary" onClick={() => onEdit(l.id)}>
            Modifier<span className={fr.cx('fr-sr-only')}> « {l.projet} »</span>
          </Button>
        ),
    });
  }
  return columns;
}

/** Financing lines as a DSFR table (a dossier's section: one short list, no pages). */
export function LignesTable({ items, caption, showBeneficiaire, onEdit }: { items: readonly LigneSummary[]; caption: string; showBeneficiaire: boolean; onEdit?: (id: string) => void }) {
  const columns = ligneColumns({ showBeneficiaire, onEdit });
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
                      {c.hideHeader ? <span className={fr.cx('fr-sr-only')}>{c.header}</span> : c.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((l) => (
                  <tr key={l.id}>
                    {columns.map((c) => (
                      <td key={c.key} style={c.numeric ? AMOUNT : undefined}>
                        {c.cell(l)}
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
