import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Table } from '@codegouvfr/react-dsfr/Table';
import {
  FINANCEMENT_STATUT_LABELS,
  HABITAT_OPERATION_PHASE_LABELS,
  HABITAT_OPERATION_TYPE_LABELS,
  IMPORT_PARTENAIRE_TYPE_LABELS,
  MISSION_NATURE_LABELS,
  MISSION_STATUT_LABELS,
} from '@suivi-pvd/domain';
import { StatTiles, UploadProgressBar, formatDate, formatDateTime, formatNumber } from '@suivi-pvd/ui';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useImportLignes, useImportPartenaire, type ImportPartenaire } from './data/imports-partenaires.hooks';

export const IMPORT_PARAM = 'import';
const PAGE_PARAM = 'page';
const CHANGES_PAGE_PARAM = 'pageModifications';

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const MONTANTS = new Set(['montant', 'montant_engage', 'montant_verse', 'engagement_anah', 'engagement_collectivite']);
const LABELS: Record<string, string> = { ...FINANCEMENT_STATUT_LABELS, ...MISSION_STATUT_LABELS, ...MISSION_NATURE_LABELS };
/** Codes whose label depends on the column (an operation's type and phase). */
const COLUMN_LABELS: Record<string, Record<string, string>> = { type: HABITAT_OPERATION_TYPE_LABELS, phase: HABITAT_OPERATION_PHASE_LABELS };

/** A value of the changes list, as people read it. */
function shown(champ: string, value: string | number | null): string {
  if (value === null || value === '') return '(vide)';
  if (MONTANTS.has(champ) && typeof value === 'number') return euros.format(value / 100);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value) ?? value;
  if (typeof value === 'string' && COLUMN_LABELS[champ]?.[value]) return COLUMN_LABELS[champ][value];
  if (typeof value === 'string' && LABELS[value]) return LABELS[value];
  return typeof value === 'number' ? formatNumber(value) : value;
}

const pageOf = (value: string | null) => Math.max(1, Number.parseInt(value ?? '1', 10) || 1);

/** The import selected by ?import=<id>: its progress while it runs, then its report. */
export function ImportPartenaireReportSection({ importId, focusHeading, onHeadingFocused }: { importId: string; focusHeading: boolean; onHeadingFocused: () => void }) {
  const report = useImportPartenaire(importId);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (focusHeading && report.data && headingRef.current) {
      headingRef.current.focus();
      headingRef.current.scrollIntoView({ block: 'start' });
      onHeadingFocused();
    }
  }, [focusHeading, report.data, onHeadingFocused]);

  return (
    <section aria-labelledby="rapport-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="rapport-titre" ref={headingRef} tabIndex={-1}>
        Rapport d’import
        {report.data && (
          <span className={fr.cx('fr-text--lg')} style={{ display: 'block', fontWeight: 400 }}>
            {IMPORT_PARTENAIRE_TYPE_LABELS[report.data.type]} – {report.data.nomFichier} – {formatDateTime(report.data.creeLe)}
          </span>
        )}
      </h2>
      {report.isPending && <LoadingView label="Chargement du rapport…" />}
      {report.isError && <QueryErrorAlert title="Le rapport n’a pas pu être chargé" error={report.error} onRetry={() => void report.refetch()} />}
      {report.data && <ReportContent report={report.data} />}
    </section>
  );
}

function ReportContent({ report }: { report: ImportPartenaire }) {
  const [searchParams] = useSearchParams();
  // The import brings the first page of its rejects and changes; further pages come from its report lines.
  const done = report.statut === 'termine';
  const rejetsPage = pageOf(searchParams.get(PAGE_PARAM));
  const changementsPage = pageOf(searchParams.get(CHANGES_PAGE_PARAM));
  const rejetsLignes = useImportLignes(report.id, 'erreur', rejetsPage, done && rejetsPage > 1);
  const changementsLignes = useImportLignes(report.id, 'changement', changementsPage, done && changementsPage > 1);
  const linkTo = (param: string, page: number) => {
    const params = new URLSearchParams(searchParams);
    if (page > 1) params.set(param, String(page));
    else params.delete(param);
    return `?${params.toString()}`;
  };

  if (report.statut === 'en_attente' || report.statut === 'en_cours') {
    const percent = report.totalLignes > 0 ? (report.lignesTraitees / report.totalLignes) * 100 : 0;
    return (
      <>
        <UploadProgressBar label={`Traitement des lignes (${formatNumber(report.lignesTraitees)} sur ${formatNumber(report.totalLignes)})`} percent={percent} />
        <p className={fr.cx('fr-text--sm')}>Vous pouvez quitter cette page : l’import continue et son rapport restera disponible dans l’historique.</p>
      </>
    );
  }
  if (report.statut === 'echoue') {
    return <Alert severity="error" title="L’import a échoué" description={report.erreur ?? 'Aucune ligne n’a été enregistrée.'} />;
  }

  const rejets = {
    total: report.rejets.total,
    page: rejetsPage,
    items:
      rejetsPage > 1
        ? (rejetsLignes.data?.items ?? []).map((l) => ({ ligne: l.ligne ?? 0, colonne: l.colonne, motif: l.motif ?? '' }))
        : report.rejets.items,
  };
  const changements = {
    total: report.changements.total,
    page: changementsPage,
    items:
      changementsPage > 1
        ? (changementsLignes.data?.items ?? []).map((l) => ({ reference: l.reference ?? '', champs: l.champs ?? [] }))
        : report.changements.items,
  };
  const rejetsPages = Math.max(1, Math.ceil(rejets.total / report.rejets.pageSize));
  const changementsPages = Math.max(1, Math.ceil(changements.total / report.changements.pageSize));
  const pageError = rejetsLignes.isError ? rejetsLignes : changementsLignes.isError ? changementsLignes : null;
  return (
    <>
      <p role="status">
        Import terminé{report.termineLe ? ` le ${formatDateTime(report.termineLe)}` : ''}
        {report.auteur ? ` – importé par ${report.auteur}` : ''}.
      </p>
      <StatTiles
        label="Résumé de l’import"
        items={[
          { label: 'Lignes lues', value: report.totalLignes },
          { label: 'Lignes créées', value: report.crees, tone: 'success' },
          { label: 'Lignes mises à jour', value: report.misAJour },
          { label: 'Lignes inchangées', value: report.inchanges },
          { label: 'Lignes rejetées', value: report.rejetes, tone: 'error' },
        ]}
      />
      {pageError && <QueryErrorAlert title="Cette page du rapport n’a pas pu être chargée" error={pageError.error} onRetry={() => void pageError.refetch()} />}

      <h3 className={fr.cx('fr-h5')} id="rejets-titre">
        Lignes rejetées
      </h3>
      {rejets.total === 0 ? (
        <p>Aucune ligne rejetée : toutes les lignes du fichier ont été prises en compte.</p>
      ) : (
        <>
          <p className={fr.cx('fr-text--sm')}>
            Corrigez ces lignes dans votre fichier puis importez-le de nouveau : les lignes déjà importées ne seront pas dupliquées.
            {rejetsPages > 1 ? ` ${formatNumber(rejets.total)} rejets, page ${rejets.page} sur ${formatNumber(rejetsPages)}.` : ''}
          </p>
          <Table
            caption="Rejets : ligne du fichier, colonne et motif"
            noCaption
            bordered
            headers={['Ligne', 'Colonne', 'Motif']}
            data={rejets.items.map((r) => [formatNumber(r.ligne), r.colonne ? <code key="c">{r.colonne}</code> : '—', r.motif])}
          />
          {rejetsPages > 1 && <Pagination count={rejetsPages} defaultPage={rejets.page} getPageLinkProps={(n) => ({ to: linkTo(PAGE_PARAM, n), preventScrollReset: true })} />}
        </>
      )}

      <h3 className={fr.cx('fr-h5')} id="modifications-titre">
        Lignes mises à jour
      </h3>
      {changements.total === 0 ? (
        <p>Aucune ligne existante n’a été modifiée par cet import.</p>
      ) : (
        <>
          {changementsPages > 1 && (
            <p className={fr.cx('fr-text--sm')}>
              Page {changements.page} sur {changementsPages}.
            </p>
          )}
          <ul aria-labelledby="modifications-titre" data-testid="modifications">
            {changements.items.map((c) => (
              <li key={c.reference}>
                <strong>{c.reference}</strong> :{' '}
                {c.champs.map((champ, i) => (
                  <span key={champ.champ}>
                    {i > 0 && ' ; '}
                    <code>{champ.champ}</code> {shown(champ.champ, champ.avant)} → {shown(champ.champ, champ.apres)}
                  </span>
                ))}
              </li>
            ))}
          </ul>
          {changementsPages > 1 && (
            <Pagination count={changementsPages} defaultPage={changements.page} getPageLinkProps={(n) => ({ to: linkTo(CHANGES_PAGE_PARAM, n), preventScrollReset: true })} />
          )}
        </>
      )}
    </>
  );
}
