import { fr } from '@codegouvfr/react-dsfr';
import { DiscussionPanel } from '../discussions/discussion.panel';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { isApiError } from '@suivi-pvd/api-client';
import { type Cofinanceur } from '@suivi-pvd/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { formatAt } from '../conventions/convention-format';
import { useOperationsDuPvd, useParametresHistorique, usePoste, useUpdatePoste, type Poste, type PosteInput } from './data/postes.hooks';
import { DemandesSection } from './demandes.section';
import { draftOf } from './poste-draft';
import { todayIso } from './poste-format';
import { PosteForm } from './poste.form';
import { PosteAlertes } from './poste-alertes';
import { PosteReadonly } from './poste.readonly';
import { SubventionTable } from './subvention.table';
import { TitulairesTimeline } from './titulaires.timeline';

export const SAVED_CAPTION = 'Cofinancement du poste par année';

/** The page of a chef de projet post: its co-financing, holders, yearly requests and its form. */
export function PosteView({ posteId }: { posteId: string }) {
  const poste = usePoste(posteId);
  const notFound = poste.isError && isApiError(poste.error) && poste.error.statusCode === 404;
  useDocumentTitle(poste.data ? `${poste.data.intitule} – ${poste.data.pvdNom}` : notFound ? 'Poste introuvable' : 'Poste de chef de projet');

  if (poste.isPending) {
    return (
      <>
        <Breadcrumb currentPageLabel="Poste de chef de projet" homeLinkProps={{ to: '/' }} segments={[]} />
        <LoadingView label="Chargement du poste…" />
      </>
    );
  }
  if (poste.isError) {
    return (
      <>
        <Breadcrumb currentPageLabel="Poste de chef de projet" homeLinkProps={{ to: '/' }} segments={[]} />
        <h1>{notFound ? 'Poste introuvable' : 'Poste de chef de projet'}</h1>
        {notFound ? (
          <Alert severity="warning" title="Ce poste n'existe pas ou ne vous est pas accessible" description={poste.error.message} />
        ) : (
          <QueryErrorAlert error={poste.error} onRetry={() => void poste.refetch()} />
        )}
      </>
    );
  }
  return <PostePage poste={poste.data} refetch={() => poste.refetch()} />;
}

type Notice = 'created' | 'saved' | 'reloaded' | null;

function PostePage({ poste, refetch }: { poste: Poste; refetch: () => Promise<{ data?: Poste }> }) {
  const operations = useOperationsDuPvd(poste.pvdId);
  const location = useLocation();
  const navigate = useNavigate();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  // The « created » notice shows once: not again when the page is reloaded.
  useEffect(() => {
    if (created) void navigate(location.pathname, { replace: true, state: null });
  }, [created, navigate, location.pathname]);
  const parametres = useParametresHistorique();
  const update = useUpdatePoste(poste.id);
  const today = todayIso();
  /** The version and content the form started from: a save sends this version. */
  const [base, setBase] = useState(() => ({ version: poste.version, initial: draftOf(poste) }));
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<Notice>(created ? 'created' : null);
  const [dirty, setDirty] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  const onDirtyChange = useCallback((value: boolean) => {
    setDirty(value);
    if (value) setNotice((n) => (n === 'saved' || n === 'created' ? null : n));
  }, []);

  const submit = (input: PosteInput) =>
    update.mutateAsync({ ...input, version: base.version }).then((saved) => {
      setBase({ version: saved.version, initial: draftOf(saved) });
      setFormKey((k) => k + 1);
      setNotice('saved');
      requestAnimationFrame(() => noticeRef.current?.focus());
    });

  // After a conflict: the stored post is read again, the form keeps what the user typed and will
  // send the new version.
  const reload = () =>
    void refetch().then(({ data }) => {
      if (!data) return;
      setBase({ version: data.version, initial: draftOf(data) });
      update.reset();
      setNotice('reloaded');
      requestAnimationFrame(() => noticeRef.current?.focus());
    });

  const financeurs: Cofinanceur[] = poste.cofinanceurs.map((c) => c.financeur);
  const grey = fr.colors.decisions.text.mention.grey.default;

  return (
    <>
      <Breadcrumb
        currentPageLabel={poste.intitule}
        homeLinkProps={{ to: '/' }}
        segments={[{ label: poste.pvdNom, linkProps: { to: `/pvd/${encodeURIComponent(poste.pvdId)}` } }]}
      />
      <h1 className={fr.cx('fr-mb-1w')}>{poste.intitule}</h1>
      <p className={fr.cx('fr-text--lg', 'fr-mb-1w')}>
        Petite ville de demain : {poste.pvdNom} – employeur : {poste.employeurNom} ({poste.employeurType === 'commune' ? 'commune' : 'EPCI'})
      </p>
      <p className={fr.cx('fr-text--sm')} style={{ color: grey }}>
        Dernière modification le {formatAt(poste.modifieLe)}
        {poste.modifiePar ? ` par ${poste.modifiePar}` : ''}.
      </p>
      {notice === 'created' && (
        <Alert className={fr.cx('fr-mb-3w')} severity="success" small role="status" description="Le poste est enregistré." closable onClose={() => setNotice(null)} />
      )}
      <PosteAlertes alertes={poste.alertes} avertissements={poste.avertissements} />

      <section aria-labelledby="cofinancement-titre" className={fr.cx('fr-mb-6w')}>
        <h2 id="cofinancement-titre" className={fr.cx('fr-h4')}>
          Cofinancement
        </h2>
        <p className={fr.cx('fr-text--sm')}>
          Calculé par année au prorata des jours tenus et de la quotité, avec les paramètres du programme en vigueur à chaque date.
        </p>
        {poste.subvention.annees.length === 0 ? (
          <p>Aucun cofinancement calculé : enregistrez un titulaire et un coût annuel.</p>
        ) : (
          <SubventionTable
            caption={SAVED_CAPTION}
            annees={poste.subvention.annees}
            total={poste.subvention.total}
            parFinanceur={poste.subvention.parFinanceur}
            financeurs={financeurs}
            idPrefix="enregistre"
          />
        )}
      </section>

      <section aria-labelledby="titulaires-historique-titre" className={fr.cx('fr-mb-6w')}>
        <h2 id="titulaires-historique-titre" className={fr.cx('fr-h4')}>
          Titulaires et vacances
        </h2>
        <TitulairesTimeline titulaires={poste.titulaires} today={today} />
      </section>

      <DemandesSection poste={poste} onReload={refetch} />

      {poste.droits.modifier ? (
        <section aria-labelledby="modifier-titre" className={fr.cx('fr-mb-6w')}>
          <h2 id="modifier-titre" className={fr.cx('fr-h4')}>
            Modifier le poste
          </h2>
          <div ref={noticeRef} tabIndex={-1} style={{ outline: 'none' }}>
            {notice === 'saved' && !dirty && (
              <Alert
                className={fr.cx('fr-mb-3w')}
                severity="success"
                small
                role="status"
                description={
                  <>
                    Les modifications du poste sont enregistrées.{' '}
                    <a
                      href="#cofinancement-titre"
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById('cofinancement-titre')?.scrollIntoView();
                      }}
                    >
                      Voir le cofinancement enregistré
                    </a>
                  </>
                }
              />
            )}
            {notice === 'reloaded' && (
              <Alert
                className={fr.cx('fr-mb-3w')}
                severity="info"
                small
                role="status"
                description="Le poste est rechargé tel qu’il est maintenant enregistré (voir ci-dessus). Vos saisies sont conservées, le reste du formulaire suit la version enregistrée : vérifiez puis enregistrez, ou annulez vos modifications."
              />
            )}
          </div>
          <PosteForm
            operations={operations.data}
            key={formKey}
            initial={base.initial}
            employeurs={poste.employeursPossibles}
            parametres={parametres}
            labelledBy="modifier-titre"
            submitLabel="Enregistrer les modifications"
            pending={update.isPending}
            error={update.error}
            errorTitle="Le poste n'a pas été enregistré"
            onSubmit={submit}
            onReload={reload}
            onDirtyChange={onDirtyChange}
            simulationWhenPristine={false}
            pristineNote={
              <p className={fr.cx('fr-text--sm', 'fr-mb-0')} style={{ color: grey }}>
                Dès que vous modifiez le poste, le cofinancement est recalculé ici, avant l’enregistrement.
              </p>
            }
          />
        </section>
      ) : (
        <section aria-labelledby="description-titre" className={fr.cx('fr-mb-6w')}>
          <h2 id="description-titre" className={fr.cx('fr-h4')}>
            Description du poste
          </h2>
          <PosteReadonly poste={poste} />
        </section>
      )}
      <DiscussionPanel type="poste" id={poste.id} titre="Discussion sur le poste" />
    </>
  );
}
