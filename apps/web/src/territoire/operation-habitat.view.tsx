import { fr } from '@codegouvfr/react-dsfr';
import { DiscussionPanel } from '../discussions/discussion.panel';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { isApiError } from '@suivi-pvd/api-client';
import { HABITAT_OPERATION_TYPE_LABELS } from '@suivi-pvd/domain';
import { FactList, formatNumber } from '@suivi-pvd/ui';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { formatAt } from '../conventions/convention-format';
import { useOperation, useUpdateOperation, type Operation } from './data/territoire.hooks';
import { draftOfOperation, OperationHabitatForm } from './operation-habitat.form';
import { PhaseBadge, periode } from './operations-habitat.table';
import { CommunesCouvertes } from './ort.section';
import { formatMontant } from './territoire-format';

/** The state given to the operation page after its creation (to say so). */
export interface CreatedState {
  created: true;
}
function isCreatedState(state: unknown): state is CreatedState {
  return typeof state === 'object' && state !== null && 'created' in state && state.created === true;
}

/** One habitat operation: its facts and yearly figures, and its form for those who may modify it. */
export function OperationHabitatView({ operationId }: { operationId: string }) {
  const operation = useOperation(operationId);
  const notFound = operation.isError && isApiError(operation.error) && (operation.error.statusCode === 404 || operation.error.statusCode === 400);
  useDocumentTitle(operation.data ? operation.data.libelle : notFound ? 'Opération introuvable' : 'Opération d’habitat');
  const breadcrumb = (label: string) => (
    <Breadcrumb currentPageLabel={label} homeLinkProps={{ to: '/' }} segments={[{ label: 'Opérations d’habitat', linkProps: { to: '/operations-habitat' } }]} />
  );
  if (operation.isPending) {
    return (
      <>
        {breadcrumb('Opération')}
        <LoadingView label="Chargement de l’opération…" />
      </>
    );
  }
  if (operation.isError) {
    return (
      <>
        {breadcrumb('Opération')}
        <h1>{notFound ? 'Opération introuvable' : 'Opération d’habitat'}</h1>
        {notFound ? (
          <Alert severity="warning" title="Cette opération n’existe pas ou ne vous est pas accessible" description={operation.error.message} />
        ) : (
          <QueryErrorAlert error={operation.error} onRetry={() => void operation.refetch()} />
        )}
      </>
    );
  }
  return (
    <>
      {breadcrumb(operation.data.libelle)}
      <OperationPage operation={operation.data} refetch={() => operation.refetch()} />
    </>
  );
}

function OperationPage({ operation, refetch }: { operation: Operation; refetch: () => Promise<unknown> }) {
  const location = useLocation();
  const navigate = useNavigate();
  const [created, setCreated] = useState(() => isCreatedState(location.state));
  useEffect(() => {
    if (isCreatedState(location.state)) void navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [location, navigate]);
  const [saved, setSaved] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const onDirtyChange = useCallback((dirty: boolean) => {
    if (dirty) {
      setSaved(false);
      setCreated(false);
    }
  }, []);
  const mo = operation.maitreOuvrage;

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.5rem 1rem' }} className={fr.cx('fr-mb-1w')}>
        <h1 className={fr.cx('fr-mb-0')}>{operation.libelle}</h1>
        <PhaseBadge phase={operation.phase} />
      </div>
      <p className={fr.cx('fr-text--lg', 'fr-mb-1w')}>
        {HABITAT_OPERATION_TYPE_LABELS[operation.type]} portée par {mo.type === 'epci' ? 'l’EPCI' : 'la commune'} {mo.nom ?? mo.code}, sur {operation.communes.length} commune
        {operation.communes.length > 1 ? 's' : ''}
      </p>
      <p className={fr.cx('fr-text--sm')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
        Dernière modification le {formatAt(operation.modifieLe)}
        {operation.modifiePar ? ` par ${operation.modifiePar}` : ''}.
      </p>
      <div aria-live="polite">
        {created && <Alert className={fr.cx('fr-mb-3w')} severity="success" small description="L’opération est enregistrée : elle apparaît sur le dossier de chaque petite ville de demain qu’elle couvre." />}
        {saved && <Alert className={fr.cx('fr-mb-3w')} severity="success" small description="Les modifications de l’opération sont enregistrées." />}
      </div>
      <OperationFacts operation={operation} />
      {operation.peutModifier && (
        <section aria-labelledby="operation-modifier-titre" className={fr.cx('fr-mt-6w', 'fr-mb-6w')}>
          <h2 id="operation-modifier-titre" className={fr.cx('fr-h3')}>
            Modifier l’opération
          </h2>
          <EditableOperation
            key={formKey}
            operation={operation}
            onSaved={() => {
              setFormKey((k) => k + 1);
              setSaved(true);
              setCreated(false);
            }}
            onReload={() => {
              setSaved(false);
              void refetch().then(() => setFormKey((k) => k + 1));
            }}
            onDirtyChange={onDirtyChange}
          />
        </section>
      )}
      <DiscussionPanel type="operation_habitat" id={operation.id} titre="Discussion sur l’opération" />
    </>
  );
}

function EditableOperation({ operation, onSaved, onReload, onDirtyChange }: { operation: Operation; onSaved: () => void; onReload: () => void; onDirtyChange: (dirty: boolean) => void }) {
  const update = useUpdateOperation(operation.id, operation.communes);
  const [version] = useState(operation.version);
  const [initial] = useState(() => draftOfOperation(operation));
  return (
    <OperationHabitatForm
      initial={initial}
      pending={update.isPending}
      error={update.error}
      submitLabel="Enregistrer les modifications"
      labelledBy="operation-modifier-titre"
      onSubmit={(input) => update.mutate({ ...input, version }, { onSuccess: onSaved })}
      onReload={onReload}
      onDirtyChange={onDirtyChange}
      onResetError={() => update.reset()}
    />
  );
}

function OperationFacts({ operation }: { operation: Operation }) {
  const mo = operation.maitreOuvrage;
  const left: [string, ReactNode][] = [
    ['Type', HABITAT_OPERATION_TYPE_LABELS[operation.type]],
    ['Maître d’ouvrage', `${mo.nom ?? mo.code} (${mo.type === 'epci' ? `EPCI, SIREN ${mo.code}` : `commune, INSEE ${mo.code}`})`],
    ['Opérateur', operation.operateur ?? 'Non renseigné'],
    [`Commune${operation.communes.length > 1 ? 's' : ''} couverte${operation.communes.length > 1 ? 's' : ''}`, <CommunesCouvertes key="c" communes={operation.communes} />],
  ];
  const right: [string, ReactNode][] = [
    ['Phase', <PhaseBadge key="p" phase={operation.phase} />],
    ['Période', periode(operation.dateDebut, operation.dateFin)],
    ['Engagement de l’Anah', formatMontant(operation.engagementAnah)],
    ['Engagement de la collectivité', formatMontant(operation.engagementCollectivite)],
  ];
  if (operation.motifDepassement) right.push(['Motif des engagements inhabituels', operation.motifDepassement]);
  if (operation.referenceExterne) right.push(['Référence chez le partenaire', operation.referenceExterne]);
  const count = (v: number | null) => (v === null ? '—' : formatNumber(v));
  return (
    <section aria-labelledby="operation-infos-titre" className={fr.cx('fr-mb-4w')}>
      <h2 id="operation-infos-titre" className={fr.cx('fr-h3')}>
        Informations de l’opération
      </h2>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <FactList items={left} />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <FactList items={right} />
        </div>
      </div>
      <h3 className={fr.cx('fr-h5', 'fr-mt-2w')}>Logements : objectifs et traités</h3>
      {operation.objectifs.length === 0 ? (
        <p>Aucun objectif annuel n’est saisi.</p>
      ) : (
        <div className={fr.cx('fr-table', 'fr-table--no-caption')}>
          <div className={fr.cx('fr-table__wrapper')}>
            <div className={fr.cx('fr-table__container')}>
              <div className={fr.cx('fr-table__content')}>
                <table>
                  <caption>Logements : objectifs et traités par année</caption>
                  <thead>
                    <tr>
                      <th scope="col">Année</th>
                      <th scope="col" style={{ textAlign: 'right' }}>
                        Objectif
                      </th>
                      <th scope="col" style={{ textAlign: 'right' }}>
                        Traités
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {operation.objectifs.map((y) => (
                      <tr key={y.annee}>
                        <th scope="row">{y.annee}</th>
                        <td style={{ textAlign: 'right' }}>{count(y.objectif)}</td>
                        <td style={{ textAlign: 'right' }}>{count(y.traites)}</td>
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">Total</th>
                      <td style={{ textAlign: 'right' }}>{count(operation.objectifTotal)}</td>
                      <td style={{ textAlign: 'right' }}>{count(operation.traitesTotal)}</td>
                    </tr>
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
