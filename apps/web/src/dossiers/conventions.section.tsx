import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { isApiError } from '@suivi-pvd/api-client';
import type { ConventionType } from '@suivi-pvd/domain';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { QueryErrorAlert } from '../app/query-error-alert';
import { formatShortDate } from '../conventions/convention-format';
import { ConventionStateBadge } from '../conventions/convention-state-badge';
import { TextField } from '../conventions/text-field';
import { useCreateConvention, type ConventionSummary, type Dossier } from './data/dossier.hooks';
import { EcheanceBadge } from './echeance.badge';

/**
 * The conventions of the PVD (adhésion, cadre, avenants) and the buttons to create the missing ones.
 * The summary's readers (a partner) see their states and dates, without opening them (their pieces are documents).
 */
export function ConventionsSection({ dossier }: { dossier: Dossier }) {
  const opens = dossier.droits.sections.includes('documents');
  const { adhesion, cadre, avenants } = dossier.conventions;
  const rows = [adhesion, cadre, ...avenants].filter((c): c is ConventionSummary => c !== null);
  const create = useCreateConvention(dossier.id);
  const navigate = useNavigate();
  const canCreate = dossier.droits.modifier;

  const createOne = (type: ConventionType, objet?: string) =>
    create.mutate(
      { type, ...(objet ? { objet } : {}) },
      { onSuccess: (convention) => void navigate(`/conventions/${encodeURIComponent(convention.id)}`) },
    );

  return (
    <section aria-labelledby="conventions-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="conventions-titre" className={fr.cx('fr-h3')}>
        Conventions
      </h2>
      <div className={fr.cx('fr-mb-2w')}>
        <span className={fr.cx('fr-text--bold', 'fr-mr-1w')}>Échéance de la convention-cadre :</span>
        {dossier.echeanceConventionCadre.kind === 'sans_echeance' ? (
          <span>aucune (pas de convention d'adhésion connue)</span>
        ) : (
          <EcheanceBadge echeance={dossier.echeanceConventionCadre} signedOn={cadre?.dateSignature} />
        )}
      </div>
      {rows.length === 0 ? (
        <p>Aucune convention n'est encore enregistrée pour ce dossier.</p>
      ) : (
        <div className={fr.cx('fr-table', 'fr-table--no-caption')}>
          <div className={fr.cx('fr-table__wrapper')}>
            <div className={fr.cx('fr-table__container')}>
              <div className={fr.cx('fr-table__content')}>
                <table>
                  <caption>Conventions du dossier</caption>
                  <thead>
                    <tr>
                      <th scope="col">Convention</th>
                      <th scope="col">État</th>
                      <th scope="col">Depuis le</th>
                      <th scope="col">Signée le</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((c) => (
                      <tr key={c.id}>
                        <td>
                          {opens ? <Link to={`/conventions/${encodeURIComponent(c.id)}`}>{c.titre}</Link> : c.titre}
                          {c.objet && (
                            <>
                              <br />
                              <span className={fr.cx('fr-text--sm')}>{c.objet}</span>
                            </>
                          )}
                        </td>
                        <td>
                          <ConventionStateBadge etat={c.etat} small />
                        </td>
                        <td>{formatShortDate(c.etatDepuis)}</td>
                        <td>{c.dateSignature ? formatShortDate(c.dateSignature) : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {canCreate && create.error && (
        <QueryErrorAlert error={create.error} title="La convention n'a pas été créée" />
      )}
      {canCreate && (
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
          {!adhesion && (
            <li>
              <Button priority="secondary" iconId="fr-icon-add-line" disabled={create.isPending} onClick={() => createOne('adhesion')}>
                Créer la convention d'adhésion
              </Button>
            </li>
          )}
          {!cadre && (
            <li>
              <Button iconId="fr-icon-add-line" disabled={create.isPending} onClick={() => createOne('cadre')}>
                Créer la convention-cadre
              </Button>
            </li>
          )}
        </ul>
      )}
      {canCreate && cadre?.etat === 'signee' && (
        <AvenantForm
          pending={create.isPending}
          error={isApiError(create.error) ? create.error.fieldMessage('objet') : undefined}
          onSubmit={(objet) => createOne('avenant', objet)}
        />
      )}
    </section>
  );
}

function AvenantForm({ pending, error, onSubmit }: { pending: boolean; error?: string; onSubmit: (objet: string) => void }) {
  const [objet, setObjet] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!objet.trim()) {
      setClientError("Précisez l'objet de l'avenant.");
      return;
    }
    setClientError(null);
    onSubmit(objet.trim());
  };
  return (
    <form onSubmit={handleSubmit} noValidate aria-labelledby="avenant-titre" className={fr.cx('fr-mt-2w')} style={{ maxWidth: '40rem' }}>
      <h3 id="avenant-titre" className={fr.cx('fr-h6')}>
        Créer un avenant à la convention-cadre
      </h3>
      <TextField
        label="Objet de l'avenant"
        hint="Ce que l'avenant modifie dans la convention-cadre"
        name="objet"
        required
        value={objet}
        onChange={setObjet}
        error={clientError ?? error}
      />
      <Button type="submit" iconId="fr-icon-add-line" disabled={pending}>
        Créer l'avenant
      </Button>
    </form>
  );
}
