import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { NATIONAL_IMPORT_TYPE_LABELS } from '@suivi-pvd/domain';
import { StatTiles, UploadProgressBar, formatDate, formatDateTime, formatNumber } from '@suivi-pvd/ui';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { errorMessage, QueryErrorAlert } from '../app/query-error-alert';
import { LIGNES_PAGE_SIZE, isRunning, useConfirmImportNational, useImportNational, useImportNationalLignes, type ImportNational, type LigneNature } from './data/imports-nationaux.hooks';

export const IMPORT_PARAM = 'import';

type Rejet = { ligne: number | null; colonne: string | null; motif: string | null };

/** A changed value as people read it. */
function shown(value: string | number | null): string {
  if (value === null || value === '') return '(vide)';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value) ?? value;
  return typeof value === 'number' ? formatNumber(value) : value;
}

/** The import selected by ?import=<id>: its preview and confirmation, its progress while its job runs, then its report. */
export function ImportNationalReportSection({ importId, focusHeading, onHeadingFocused }: { importId: string; focusHeading: boolean; onHeadingFocused: () => void }) {
  const report = useImportNational(importId);
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
        {report.data?.statut === 'apercu' ? 'Aperçu de l’import' : 'Rapport d’import'}
        {report.data && (
          <span className={fr.cx('fr-text--lg')} style={{ display: 'block', fontWeight: 400 }}>
            {NATIONAL_IMPORT_TYPE_LABELS[report.data.type]}
            {report.data.demarcheNom ? ` (${report.data.demarcheNom})` : ''} – {report.data.nomFichier} – {formatDateTime(report.data.creeLe)}
          </span>
        )}
      </h2>
      {report.isPending && <LoadingView label="Chargement de l’import…" />}
      {report.isError && <QueryErrorAlert title="L’import n’a pas pu être chargé" error={report.error} onRetry={() => void report.refetch()} />}
      {report.data?.statut === 'apercu' && <Preview report={report.data} onConfirmed={() => headingRef.current?.focus()} />}
      {report.data && isRunning(report.data.statut) && <Progress report={report.data} />}
      {report.data?.statut === 'echoue' && <Alert severity="error" title="L’import a échoué" description={report.data.erreur ?? 'L’import n’a pas pu être appliqué.'} />}
      {report.data?.statut === 'termine' && <Finished report={report.data} />}
    </section>
  );
}

function RejetsTable({ caption, items }: { caption: string; items: readonly Rejet[] }) {
  return (
    <Table
      caption={caption}
      noCaption
      bordered
      headers={['Ligne', 'Colonne', 'Motif']}
      data={items.map((r) => [r.ligne === null ? '—' : formatNumber(r.ligne), r.colonne ? <code key="c">{r.colonne}</code> : '—', r.motif ?? ''])}
    />
  );
}

/** The preview: what the file would do, its first errors, its ignored columns; the confirmation. */
function Preview({ report, onConfirmed }: { report: ImportNational; onConfirmed: () => void }) {
  const confirm = useConfirmImportNational(report.id);
  const apercu = report.apercu;
  if (!apercu) return null;
  const avertissements = apercu.avertissements ?? [];
  const retenues = apercu.crees + apercu.misAJour;
  return (
    <>
      <p>
        {formatNumber(report.totalLignes)} lignes lues. Rien n’est encore enregistré : vérifiez l’aperçu puis confirmez l’import.
      </p>
      <StatTiles
        label="Aperçu de l’import"
        items={[
          { label: 'À créer', value: apercu.crees, tone: 'success' },
          { label: 'À mettre à jour', value: apercu.misAJour },
          { label: 'Inchangées', value: apercu.inchanges },
          { label: 'Rejetées', value: apercu.rejetes, tone: 'error' },
        ]}
      />
      {apercu.colonnesIgnorees.length > 0 && (
        <Alert
          className={fr.cx('fr-mb-3w')}
          severity="warning"
          small
          description={
            <>
              Colonnes ignorées (inconnues du modèle) :{' '}
              {apercu.colonnesIgnorees.map((c, i) => (
                <span key={c}>
                  {i > 0 && ', '}
                  <code>{c}</code>
                </span>
              ))}
              .
            </>
          }
        />
      )}
      {apercu.erreursTotal > 0 && (
        <>
          <h3 className={fr.cx('fr-h5')}>
            {apercu.erreursTotal > apercu.erreurs.length ? `Premières erreurs (${formatNumber(apercu.erreurs.length)} sur ${formatNumber(apercu.erreursTotal)})` : 'Erreurs'}
          </h3>
          <p className={fr.cx('fr-text--sm')}>Les lignes rejetées ne seront pas enregistrées. Corrigez-les dans votre fichier puis envoyez-le de nouveau, ou confirmez pour enregistrer les autres.</p>
          <RejetsTable caption="Erreurs de l’aperçu : ligne du fichier, colonne et motif" items={apercu.erreurs} />
        </>
      )}
      {avertissements.length > 0 && (
        <>
          <h3 className={fr.cx('fr-h5')}>Avertissements</h3>
          <RejetsTable caption="Avertissements de l’aperçu : ligne du fichier, colonne et motif" items={avertissements} />
        </>
      )}
      {confirm.isError && <Alert className={fr.cx('fr-mb-3w')} severity="error" role="alert" title="L’import n’a pas pu être confirmé" description={errorMessage(confirm.error)} />}
      <Button iconId="fr-icon-check-line" disabled={confirm.isPending || retenues === 0} onClick={() => confirm.mutate(undefined, { onSuccess: onConfirmed })}>
        Confirmer l’import
      </Button>
      {retenues === 0 && <p className={fr.cx('fr-text--sm', 'fr-mt-1w')}>Aucune ligne à créer ni à mettre à jour : il n’y a rien à confirmer.</p>}
    </>
  );
}

function Progress({ report }: { report: ImportNational }) {
  const percent = report.totalLignes > 0 ? (report.lignesTraitees / report.totalLignes) * 100 : 0;
  return (
    <>
      <UploadProgressBar
        label={report.statut === 'en_attente' ? 'Import en attente de traitement' : `Enregistrement des lignes (${formatNumber(report.lignesTraitees)} sur ${formatNumber(report.totalLignes)})`}
        percent={report.statut === 'en_attente' ? null : percent}
      />
      <p className={fr.cx('fr-text--sm')}>Vous pouvez quitter cette page : l’import continue en tâche de fond et son rapport restera disponible dans l’historique.</p>
    </>
  );
}

function Finished({ report }: { report: ImportNational }) {
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
          { label: 'Créées', value: report.crees, tone: 'success' },
          { label: 'Mises à jour', value: report.misAJour },
          { label: 'Inchangées', value: report.inchanges },
          { label: 'Rejetées', value: report.rejetes, tone: 'error' },
        ]}
      />
      <ReportLines importId={report.id} nature="erreur" total={report.rejetsTotal} title="Lignes rejetées" empty="Aucune ligne rejetée : toutes les lignes du fichier ont été prises en compte." />
      <ReportLines importId={report.id} nature="changement" total={report.changementsTotal} title="Enregistrements mis à jour" empty="Aucun enregistrement existant n’a été modifié par cet import." />
      {(report.avertissementsTotal ?? 0) > 0 && <ReportLines importId={report.id} nature="avertissement" total={report.avertissementsTotal ?? 0} title="Avertissements" empty="" />}
    </>
  );
}

const PAGE_PARAMS: Record<LigneNature, string> = { erreur: 'pageRejets', changement: 'pageModifications', avertissement: 'pageAvertissements' };

/** One part of the line report, paged through the URL (?pageRejets=2). */
function ReportLines({ importId, nature, total, title, empty }: { importId: string; nature: LigneNature; total: number; title: string; empty: string }) {
  const [searchParams] = useSearchParams();
  const param = PAGE_PARAMS[nature];
  const pages = Math.max(1, Math.ceil(total / LIGNES_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(searchParams.get(param) ?? '1', 10) || 1));
  const lignes = useImportNationalLignes(importId, nature, page, total > 0);
  const headingId = `lignes-${nature}-titre`;
  const linkTo = (n: number) => {
    const params = new URLSearchParams(searchParams);
    if (n > 1) params.set(param, String(n));
    else params.delete(param);
    return `?${params.toString()}`;
  };
  return (
    <>
      <h3 className={fr.cx('fr-h5')} id={headingId}>
        {title}
        {total > 0 ? ` (${formatNumber(total)})` : ''}
      </h3>
      {total === 0 && <p>{empty}</p>}
      {total > 0 && lignes.isPending && <LoadingView label="Chargement du rapport…" />}
      {lignes.isError && <QueryErrorAlert title="Cette page du rapport n’a pas pu être chargée" error={lignes.error} onRetry={() => void lignes.refetch()} />}
      {total > 0 && lignes.data && (
        <>
          {pages > 1 && (
            <p className={fr.cx('fr-text--sm')}>
              Page {page} sur {formatNumber(pages)}.
            </p>
          )}
          {nature === 'changement' ? (
            <ul aria-labelledby={headingId} data-testid="modifications">
              {lignes.data.items.map((c, i) => (
                <li key={`${c.reference}-${i}`}>
                  <strong>{c.reference}</strong> :{' '}
                  {(c.champs ?? []).map((champ, k) => (
                    <span key={champ.champ}>
                      {k > 0 && ' ; '}
                      <code>{champ.champ}</code> {shown(champ.avant)} → {shown(champ.apres)}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          ) : (
            <RejetsTable caption={`${title} : ligne du fichier, colonne et motif`} items={lignes.data.items} />
          )}
          {pages > 1 && <Pagination count={pages} defaultPage={page} getPageLinkProps={(n) => ({ to: linkTo(n), preventScrollReset: true })} />}
        </>
      )}
    </>
  );
}
