import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { StatTiles, formatDate, formatDateTime, formatNumber } from '@suivi-pvd/ui';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { errorMessage, QueryErrorAlert } from '../app/query-error-alert';
import { useConfirmPvdImport, usePvdImport, type PvdImportBilan, type PvdImportLine, type PvdImportReport } from './data/pvd-imports.hooks';
import { formatLabel, reasonLabel } from './pvd-import-labels';
import { formatDepartement, formatRegion } from '@suivi-pvd/domain';

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
        {report.data?.statut === 'apercu' ? "Aperçu de l'import" : "Rapport d'import"}
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
      {report.statut === 'apercu' && <ConfirmPanel report={report} />}
      <StatTiles
        label="Résumé de l'import"
        items={[
          { label: 'Lignes lues', value: report.totalLines },
          { label: 'Communes ajoutées', value: report.created, tone: 'success' },
          { label: 'Communes changées de PVD ou mises à jour', value: report.updated },
          { label: 'Communes inchangées', value: report.unchanged },
          { label: 'Lignes rejetées', value: report.rejected, tone: 'error' },
        ]}
      />

      {report.bilan && <BilanContent bilan={report.bilan} />}

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

/** The preview is not applied yet: the ANCT settles the dossier choices and confirms. */
function ConfirmPanel({ report }: { report: PvdImportReport }) {
  const confirm = useConfirmPvdImport(report.id);
  const [choix, setChoix] = useState<Record<string, string>>(() =>
    Object.fromEntries((report.bilan?.choix ?? []).map((c) => [c.idPvd, c.retenu])),
  );
  return (
    <div className={fr.cx('fr-mb-4w')}>
      <Alert
        className={fr.cx('fr-mb-3w')}
        severity="info"
        small
        description="Aperçu : rien n'est encore appliqué. Vérifiez les chiffres, la couverture et les déplacements, puis confirmez."
      />
      {(report.bilan?.choix ?? []).map((c) => (
        <RadioButtons
          key={c.idPvd}
          legend={`Toutes les communes de ${c.idPvd} changent de PVD : quel groupe garde son dossier (conventions, contacts, documents) ?`}
          hintText={`Proposé : ${c.propose}, le groupe de la commune qui porte le dossier. L'autre groupe est créé sans dossier.`}
          options={c.options.map((option) => ({
            label: option,
            nativeInputProps: { checked: choix[c.idPvd] === option, onChange: () => setChoix((current) => ({ ...current, [c.idPvd]: option })) },
          }))}
        />
      ))}
      {confirm.isError && <Alert className={fr.cx('fr-mb-2w')} severity="error" small description={errorMessage(confirm.error)} />}
      <Button iconId="fr-icon-check-line" disabled={confirm.isPending} onClick={() => confirm.mutate(choix)}>
        Confirmer l'import
      </Button>
    </div>
  );
}

/** What the file does beyond line counts: provisional PVDs, moves, renamed PVDs, coverage. */
function BilanContent({ bilan }: { bilan: PvdImportBilan }) {
  const { departements, regions } = bilan.couverture;
  const names = (areas: { code: string; nom: string }[], format: (code: string, nom: string) => string) => areas.map((a) => format(a.code, a.nom)).join(', ');
  return (
    <>
      <h3 className={fr.cx('fr-h5')}>Bilan</h3>
      <ul>
        <li>
          {formatNumber(bilan.communesProgramme)} communes du fichier dans le programme, dont {formatNumber(bilan.provisoires)} dans une PVD
          provisoire (sans <code>id_pvd</code>, à regrouper) ; {formatNumber(bilan.pvdCreees)} PVD créées.
        </li>
        <li>
          Date d'effet : {bilan.dateEffet ? formatDate(bilan.dateEffet) : "jour de l'import"}. {formatNumber(bilan.absentesDuFichier)} communes du
          programme sont absentes du fichier et restent telles quelles.
        </li>
        <li>
          Couverture : {formatNumber(regions.presents.length)} régions et {formatNumber(departements.presents.length)} départements présents.
          {regions.absents.length > 0 && <> Régions sans aucune ligne : {names(regions.absents, formatRegion)}.</>}
          {departements.absents.length > 0 && <> Départements sans aucune ligne : {names(departements.absents, formatDepartement)}.</>}
        </li>
      </ul>
      {bilan.renommees.length > 0 && (
        <Table
          caption="PVD gardées sous un nouvel identifiant (dossier conservé)"
          bordered
          headers={['Ancien id_pvd', 'Nouvel id_pvd']}
          data={bilan.renommees.map((r) => [r.depuis, r.vers])}
        />
      )}
      {bilan.deplacements.length > 0 && (
        <Table
          caption="Communes qui changent de PVD"
          bordered
          headers={['Commune', 'Quitte', 'Rejoint']}
          data={bilan.deplacements.map((d) => [`${d.nom} (${d.insee})`, d.depuis, d.vers])}
        />
      )}
    </>
  );
}
