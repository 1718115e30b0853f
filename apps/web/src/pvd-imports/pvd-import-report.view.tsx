import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { StatTiles, formatDateTime, formatNumber } from '@suivi-pvd/ui';
import { useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { usePvdImport, type PvdImportLine, type PvdImportReport } from './data/pvd-imports.hooks';
import { formatLabel, reasonLabel } from './pvd-import-labels';

export const REPORT_PARAM = 'rapport';
const FILTER_PARAM = 'motif';
const PAGE_PARAM = 'page';
const LINES_PER_PAGE = 50;
const ALL = '';
const REJECTED = 'rejetees';
const WARNINGS = 'avertissements';

function matches(line: PvdImportLine, filter: string): boolean {
  if (filter === ALL) return true;
  if (filter === REJECTED) return line.status === 'rejected';
  if (filter === WARNINGS) return line.status === 'accepted' && line.warnings.length > 0;
  return line.status === 'rejected' && line.reason === filter;
}

/** The report of one import, selected by ?rapport=<id>. */
export function PvdImportReportSection({
  importId,
  focusHeading,
  onHeadingFocused,
}: {
  importId: string;
  focusHeading: boolean;
  onHeadingFocused: () => void;
}) {
  const report = usePvdImport(importId);
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
        Rapport d'import
        {report.data && (
          <span className={fr.cx('fr-text--lg')} style={{ display: 'block', fontWeight: 400 }}>
            {report.data.fileName} – {formatDateTime(report.data.importedAt)}
          </span>
        )}
      </h2>
      {report.isPending && <LoadingView label="Chargement du rapport…" />}
      {report.isError && (
        <QueryErrorAlert
          title="Le rapport n'a pas pu être chargé"
          error={report.error}
          onRetry={() => void report.refetch()}
        />
      )}
      {report.data && <ReportContent report={report.data} />}
    </section>
  );
}

function ReportContent({ report }: { report: PvdImportReport }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = searchParams.get(FILTER_PARAM) ?? ALL;
  const requestedPage = Number.parseInt(searchParams.get(PAGE_PARAM) ?? '1', 10) || 1;

  const reasons = useMemo(() => {
    const counts = new Map<string, number>();
    for (const line of report.lines) {
      if (line.status === 'rejected' && line.reason) {
        counts.set(line.reason, (counts.get(line.reason) ?? 0) + 1);
      }
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1]);
  }, [report.lines]);
  const rejectedCount = report.lines.filter((l) => l.status === 'rejected').length;
  const warningCount = report.lines.filter((l) => l.status === 'accepted' && l.warnings.length > 0).length;

  const filtered = report.lines.filter((line) => matches(line, filter));
  const pageCount = Math.max(1, Math.ceil(filtered.length / LINES_PER_PAGE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const visible = filtered.slice((page - 1) * LINES_PER_PAGE, page * LINES_PER_PAGE);

  const linkTo = (nextFilter: string, nextPage: number) => {
    const params = new URLSearchParams(searchParams);
    if (nextFilter) params.set(FILTER_PARAM, nextFilter);
    else params.delete(FILTER_PARAM);
    if (nextPage > 1) params.set(PAGE_PARAM, String(nextPage));
    else params.delete(PAGE_PARAM);
    return `?${params.toString()}`;
  };

  return (
    <>
      <p>
        Format détecté : <strong>{formatLabel(report.format)}</strong>
        {report.importedBy ? <> – importé par {report.importedBy}</> : null}.
      </p>
      <StatTiles
        label="Résumé de l'import"
        items={[
          { label: 'Lignes lues', value: report.totalLines },
          { label: 'Communes ajoutées', value: report.created, tone: 'success' },
          { label: 'Communes mises à jour', value: report.updated },
          { label: 'Communes inchangées', value: report.unchanged },
          { label: 'Lignes rejetées', value: report.rejected, tone: 'error' },
        ]}
      />

      <h3 className={fr.cx('fr-h5')}>Lignes rejetées et avertissements</h3>
      {report.lines.length === 0 ? (
        <p>Aucune ligne rejetée, aucun avertissement : toutes les lignes ont été prises en compte.</p>
      ) : (
        <>
          <div className={fr.cx('fr-grid-row')}>
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <Select
                label="Filtrer par motif"
                nativeSelectProps={{
                  value: filter,
                  onChange: (event) =>
                    setSearchParams(linkTo(event.currentTarget.value, 1), {
                      replace: true,
                      preventScrollReset: true,
                    }),
                }}
              >
                <option value={ALL}>Toutes les lignes signalées ({formatNumber(report.lines.length)})</option>
                {rejectedCount > 0 && (
                  <option value={REJECTED}>Toutes les lignes rejetées ({formatNumber(rejectedCount)})</option>
                )}
                {reasons.map(([reason, count]) => (
                  <option key={reason} value={reason}>
                    Rejet : {reasonLabel(reason)} ({formatNumber(count)})
                  </option>
                ))}
                {warningCount > 0 && (
                  <option value={WARNINGS}>Lignes acceptées avec avertissement ({formatNumber(warningCount)})</option>
                )}
              </Select>
            </div>
          </div>
          <p role="status" aria-live="polite" className={fr.cx('fr-text--sm')}>
            {filtered.length === 0
              ? 'Aucune ligne pour ce filtre.'
              : `${formatNumber(filtered.length)} ligne${filtered.length > 1 ? 's' : ''} affichée${
                  filtered.length > 1 ? 's' : ''
                }${pageCount > 1 ? ` – page ${page} sur ${pageCount}` : ''}.`}
          </p>
          {visible.length > 0 && (
            <Table
              caption="Lignes du fichier rejetées ou acceptées avec avertissement"
              noCaption
              bordered
              headers={['Ligne', 'Code INSEE', 'id_pvd', 'Statut', 'Motif', 'Message']}
              data={visible.map((line) => [
                line.line,
                line.insee ?? '—',
                line.idPvd ?? '—',
                line.status === 'rejected' ? (
                  <Badge key="s" as="span" severity="error" small>
                    Rejetée
                  </Badge>
                ) : (
                  <Badge key="s" as="span" severity="warning" small>
                    Avertissement
                  </Badge>
                ),
                line.status === 'rejected' ? reasonLabel(line.reason) : '—',
                line.status === 'rejected' ? (line.message ?? '—') : line.warnings.join(' ; '),
              ])}
            />
          )}
          {pageCount > 1 && (
            <Pagination
              count={pageCount}
              defaultPage={page}
              getPageLinkProps={(n) => ({ to: linkTo(filter, n), preventScrollReset: true })}
            />
          )}
        </>
      )}
    </>
  );
}
