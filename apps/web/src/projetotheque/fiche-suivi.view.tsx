import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { isApiError } from '@suivi-pvd/api-client';
import { FICHE_STATUT_LABELS, type FicheStatut } from '@suivi-pvd/domain';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useDocumentTitle } from '../app/use-document-title';
import { NotFoundRoute } from '../routes/not-found.route';
import { useCommentFiche, useDeleteFiche, useFiche, useFicheStep, type Fiche, type FicheStep } from './data/fiches.hooks';
import { FicheContent } from './fiche-content';

const SEVERITY: Record<FicheStatut, 'info' | 'success' | 'warning' | 'error' | 'new'> = {
  brouillon: 'info',
  en_revue: 'new',
  a_modifier: 'warning',
  publiee: 'success',
  depubliee: 'error',
};

export function FicheStatutBadge({ statut }: { statut: FicheStatut }) {
  return (
    <Badge severity={SEVERITY[statut]} small noIcon>
      {FICHE_STATUT_LABELS[statut]}
    </Badge>
  );
}

/** A sheet as its chef and the ANCT follow it: status, what is missing, the review (private), the actions, and the sheet as published. */
export function FicheSuiviView({ id }: { id: string }) {
  const fiche = useFiche(id);
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  useDocumentTitle(fiche.data ? `Fiche « ${fiche.data.titre} »` : 'Fiche-projet');
  if (fiche.isPending) return <p role="status">Chargement de la fiche…</p>;
  if (fiche.isError && isApiError(fiche.error) && fiche.error.statusCode === 404) return <NotFoundRoute />;
  if (fiche.isError || !fiche.data) return <Alert severity="error" title="La fiche n’a pas pu être chargée" description={fiche.error?.message ?? ''} />;
  const f = fiche.data;
  return (
    <>
      <p className={fr.cx('fr-mb-1w')}>
        <Link to={f.actions.includes('publier') || f.actions.includes('demander_modifications') ? '/projetotheque/revue' : '/projetotheque/fiches'}>← Fiches-projets</Link>
      </p>
      {notice && <Alert severity="success" small description={notice} className={fr.cx('fr-mb-2w')} />}
      <h1>
        Fiche « {f.titre} » <FicheStatutBadge statut={f.statut} />
      </h1>
      <p>
        {f.pvd.nom}
        {f.statut === 'publiee' && (
          <>
            {' · '}
            <Link to={`/projetotheque/${f.id}`}>Voir la page publique</Link>
          </>
        )}
      </p>
      <Actions fiche={f} />
      <Commentaires fiche={f} />
      <section aria-labelledby="apercu-titre" className={fr.cx('fr-mt-6w', 'fr-p-3w')} style={{ border: '1px solid var(--border-default-grey)' }}>
        <h2 id="apercu-titre" className={fr.cx('fr-h6', 'fr-mb-2w')}>
          Aperçu de la fiche publiée
        </h2>
        <FicheContent fiche={f} headingLevel={2} />
      </section>
    </>
  );
}

function Actions({ fiche }: { fiche: Fiche }) {
  const step = useFicheStep(fiche.id);
  const remove = useDeleteFiche(fiche.id);
  const navigate = useNavigate();
  const [commentaire, setCommentaire] = useState('');
  const [asking, setAsking] = useState(false);
  const manques = Object.values(fiche.manques);
  const run = (s: FicheStep, extra: { commentaire?: string } = {}) => step.mutate({ step: s, version: fiche.version, ...extra }, { onSuccess: () => setAsking(false) });
  const error = step.error ?? remove.error;

  return (
    <section aria-labelledby="actions-titre" className={fr.cx('fr-mb-4w')}>
      <h2 id="actions-titre" className={fr.cx('fr-h4')}>
        Suite
      </h2>
      {error && <Alert severity="error" small description={error.message} className={fr.cx('fr-mb-2w')} />}
      {fiche.statut === 'en_revue' && !fiche.actions.includes('publier') && <p>La fiche est en revue à l’ANCT : elle ne se modifie pas en attendant.</p>}
      {fiche.actions.includes('soumettre') && manques.length > 0 && (
        <Alert
          severity="warning"
          small
          className={fr.cx('fr-mb-2w')}
          description={
            <>
              Avant de soumettre la fiche :
              <ul>
                {manques.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </>
          }
        />
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        {fiche.modifiable && (
          <li>
            <Link className={fr.cx('fr-btn', 'fr-btn--secondary')} to={`/projetotheque/fiches/${fiche.id}/modifier`}>
              Modifier
            </Link>
          </li>
        )}
        {fiche.actions.includes('soumettre') && (
          <li>
            <Button disabled={step.isPending || manques.length > 0} onClick={() => run('soumission')}>
              Soumettre à la revue
            </Button>
          </li>
        )}
        {fiche.actions.includes('publier') && (
          <li>
            <Button disabled={step.isPending} onClick={() => run('publication')}>
              Publier
            </Button>
          </li>
        )}
        {fiche.actions.includes('demander_modifications') && !asking && (
          <li>
            <Button priority="secondary" onClick={() => setAsking(true)}>
              Demander des modifications
            </Button>
          </li>
        )}
        {fiche.actions.includes('depublier') && (
          <li>
            <Button priority="secondary" disabled={step.isPending} onClick={() => run('depublication')}>
              {fiche.actions.includes('publier') || fiche.actions.includes('demander_modifications') ? 'Dépublier' : 'Dépublier pour modifier'}
            </Button>
          </li>
        )}
        {fiche.supprimable && (
          <li>
            <Button priority="tertiary" iconId="fr-icon-delete-line" disabled={remove.isPending} onClick={() => remove.mutate(fiche.version, { onSuccess: () => void navigate('/projetotheque/fiches') })}>
              Supprimer le brouillon
            </Button>
          </li>
        )}
      </ul>
      {asking && (
        <form
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            run('demande-modifications', { commentaire });
          }}
        >
          <Input
            label="Ce qu’il faut modifier"
            hintText="Ce commentaire est lu par le chef de projet seulement ; il n’est jamais publié."
            textArea
            state={isApiError(step.error) && step.error.fieldMessage('commentaire') ? 'error' : undefined}
            stateRelatedMessage={isApiError(step.error) ? step.error.fieldMessage('commentaire') : undefined}
            nativeTextAreaProps={{ name: 'commentaire', rows: 4, value: commentaire, maxLength: 3000, required: true, onChange: (e) => setCommentaire(e.currentTarget.value) }}
          />
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
            <li>
              <Button type="submit" disabled={step.isPending || !commentaire.trim()}>
                Renvoyer au chef de projet
              </Button>
            </li>
            <li>
              <Button type="button" priority="tertiary" onClick={() => setAsking(false)}>
                Annuler
              </Button>
            </li>
          </ul>
        </form>
      )}
    </section>
  );
}

function Commentaires({ fiche }: { fiche: Fiche }) {
  const comment = useCommentFiche(fiche.id);
  const [texte, setTexte] = useState('');
  return (
    <section aria-labelledby="revue-titre" className={fr.cx('fr-mb-4w')}>
      <h2 id="revue-titre" className={fr.cx('fr-h4')}>
        Revue
      </h2>
      <p className={fr.cx('fr-text--sm')}>Les échanges de la revue restent entre le chef de projet et l’ANCT : ils ne sont jamais publiés.</p>
      {fiche.commentaires.length === 0 ? (
        <p>Aucun commentaire.</p>
      ) : (
        <ol className={fr.cx('fr-raw-list')}>
          {fiche.commentaires.map((c) => (
            <li key={c.id} className={fr.cx('fr-mb-2w', 'fr-p-2w')} style={{ background: 'var(--background-alt-grey)' }}>
              <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
                <strong>{c.auteur}</strong>, {new Date(c.creeLe).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' })}
                {c.nature === 'demande_modifications' && ' – modifications demandées'}
              </p>
              <p className={fr.cx('fr-mb-0')} style={{ whiteSpace: 'pre-line' }}>
                {c.texte}
              </p>
            </li>
          ))}
        </ol>
      )}
      {fiche.peutCommenter && (
        <form
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            comment.mutate(texte, { onSuccess: () => setTexte('') });
          }}
        >
          <Input
            label="Ajouter un commentaire"
            textArea
            state={comment.error ? 'error' : undefined}
            stateRelatedMessage={comment.error?.message}
            nativeTextAreaProps={{ name: 'texte', rows: 3, value: texte, maxLength: 3000, onChange: (e) => setTexte(e.currentTarget.value) }}
          />
          <Button type="submit" priority="secondary" disabled={comment.isPending || !texte.trim()}>
            Commenter
          </Button>
        </form>
      )}
    </section>
  );
}
