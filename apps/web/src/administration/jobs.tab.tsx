import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { formatDateTime } from '@suivi-pvd/ui';
import { Link, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { errorMessage, QueryErrorAlert } from '../app/query-error-alert';
import { useJobs, useRetryJob, type Job, type JobState } from './data/jobs.hooks';
import { readPage, tabSearch } from './search-form';

const STATES: { value: JobState; label: string; severity: 'info' | 'new' | 'success' | 'error' | 'warning' }[] = [
  { value: 'created', label: 'En attente', severity: 'info' },
  { value: 'retry', label: 'Nouvelle tentative prévue', severity: 'warning' },
  { value: 'active', label: 'En cours', severity: 'new' },
  { value: 'completed', label: 'Terminée', severity: 'success' },
  { value: 'failed', label: 'En échec', severity: 'error' },
  { value: 'cancelled', label: 'Annulée', severity: 'info' },
];

function readState(value: string | null): JobState | '' {
  return STATES.find((s) => s.value === value)?.value ?? '';
}

function StateBadge({ job }: { job: Job }) {
  const state = STATES.find((s) => s.value === job.state) ?? STATES[0];
  return (
    <Badge severity={state.severity} small noIcon>
      {state.label}
    </Badge>
  );
}

function Progress({ job }: { job: Job }) {
  if (job.done === null) return <>—</>;
  return <>{job.total ? `${job.done} / ${job.total}` : job.done}</>;
}

function Attempts({ job }: { job: Job }) {
  return (
    <>
      {job.retryCount === 0 ? 'Première' : `${job.retryCount + 1}ᵉ`}
      <span className={fr.cx('fr-text--xs')}> (nouvelles tentatives permises : {job.retryLimit})</span>
    </>
  );
}

/** Background jobs (imports, maintenance…): what waits, runs, failed with its error; a failed job can be run again. */
export function JobsTab() {
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readState(searchParams.get('etat'));
  const page = readPage(searchParams.get('page'));
  const jobs = useJobs({ state, page });
  const retry = useRetryJob();

  return (
    <>
      <h2 className={fr.cx('fr-h4')}>Tâches de fond</h2>
      <p className={fr.cx('fr-text--sm')}>
        Imports et travaux longs exécutés en arrière-plan. Une tâche en échec est retentée automatiquement, avec un délai croissant ; une fois ses
        tentatives épuisées, vous pouvez la relancer.
      </p>
      <Select
        label="État"
        hint="Le tableau se met à jour dès le choix."
        nativeSelectProps={{
          name: 'etat',
          value: state,
          onChange: (event) => setSearchParams(tabSearch(searchParams, { etat: event.currentTarget.value, page: null })),
          style: { maxWidth: '24rem' },
        }}
      >
        <option value="">Tous les états</option>
        {STATES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </Select>
      {retry.isError && (
        <Alert severity="error" small className={fr.cx('fr-mb-2w')} description={`La tâche n'a pas pu être relancée : ${errorMessage(retry.error)}`} />
      )}
      {retry.isSuccess && (
        <Alert severity="success" small className={fr.cx('fr-mb-2w')} description={`Tâche « ${retry.data.label} » relancée.`} />
      )}
      {jobs.isPending && <LoadingView label="Chargement des tâches…" />}
      {jobs.isError && <QueryErrorAlert title="Les tâches n'ont pas pu être chargées" error={jobs.error} onRetry={() => void jobs.refetch()} />}
      {jobs.data && (
        <section aria-busy={jobs.isFetching} aria-label="Tâches de fond">
          <p role="status" aria-live="polite">
            {jobs.data.total === 0
              ? 'Aucune tâche.'
              : `${jobs.data.total} tâche${jobs.data.total > 1 ? 's' : ''} – page ${page}, de la plus récente à la plus ancienne.`}
          </p>
          {jobs.data.items.length > 0 && (
            <Table
              caption="Tâches de fond"
              noCaption
              bordered
              headers={['Tâche', 'État', 'Créée le', 'Démarrée le', 'Terminée le', 'Tentative', 'Avancement', 'Erreur', 'Action']}
              data={jobs.data.items.map((job) => [
                <span key="tache">
                  {job.label}
                  <br />
                  <code className={fr.cx('fr-text--xs')} style={{ overflowWrap: 'anywhere' }}>
                    {job.id}
                  </code>
                </span>,
                <StateBadge key="etat" job={job} />,
                formatDateTime(job.createdOn) ?? job.createdOn,
                job.startedOn ? (formatDateTime(job.startedOn) ?? job.startedOn) : '—',
                job.completedOn ? (formatDateTime(job.completedOn) ?? job.completedOn) : '—',
                <Attempts key="tentative" job={job} />,
                <Progress key="avancement" job={job} />,
                job.error ? <span style={{ overflowWrap: 'anywhere' }}>{job.error}</span> : '—',
                job.state === 'failed' && !job.archived ? (
                  <Button
                    key="relancer"
                    size="small"
                    priority="secondary"
                    iconId="fr-icon-refresh-line"
                    disabled={retry.isPending}
                    onClick={() => retry.mutate(job.id)}
                    nativeButtonProps={{ 'aria-label': `Relancer la tâche ${job.label} créée le ${formatDateTime(job.createdOn) ?? job.createdOn}` }}
                  >
                    Relancer
                  </Button>
                ) : (
                  '—'
                ),
              ])}
            />
          )}
          <nav role="navigation" aria-label="Pages des tâches" className={fr.cx('fr-mt-2w')}>
            <ul style={{ display: 'flex', gap: '1rem', listStyle: 'none', paddingLeft: 0 }}>
              {page > 1 && (
                <li>
                  <Link
                    className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm', 'fr-icon-arrow-left-s-line', 'fr-btn--icon-left')}
                    to={tabSearch(searchParams, { etat: state, page: page - 1 })}
                  >
                    Tâches plus récentes
                  </Link>
                </li>
              )}
              {page * jobs.data.pageSize < jobs.data.total && (
                <li>
                  <Link
                    className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm', 'fr-icon-arrow-right-s-line', 'fr-btn--icon-right')}
                    to={tabSearch(searchParams, { etat: state, page: page + 1 })}
                  >
                    Tâches plus anciennes
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        </section>
      )}
    </>
  );
}
