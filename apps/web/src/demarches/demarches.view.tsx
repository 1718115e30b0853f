import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { ATTRIBUT_TYPE_LABELS } from '@suivi-pvd/domain';
import { formatNumber } from '@suivi-pvd/ui';
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { ExportLinks } from '../shared/export-links';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { TextField } from '../conventions/text-field';
import { useCatalogue, useCreateDemarche, useParticipations, useUpdateDemarche, type Demarche } from './data/demarches.hooks';
import { DemarcheForm } from './demarche.form';
import { attributsRenseignes, periodeLabel } from './participation-format';
import { DepartementNom } from '../referentiel/aire-nom';

const PAGE_SIZE = 20;

/** The catalogue of thematic schemes with their participants; the ANCT administers the schemes and their typed attributes. */
export function DemarchesView() {
  useDocumentTitle('Dispositifs thématiques');
  const catalogue = useCatalogue();
  const me = useMe();
  const readsDossiers = hasPermission(me.data, 'pvd:lire');
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  return (
    <>
      <Breadcrumb currentPageLabel="Dispositifs thématiques" homeLinkProps={{ to: '/' }} segments={[]} />
      <h1>Dispositifs thématiques</h1>
      <p className={fr.cx('fr-text--lg')}>
        France services, Micro-Folie, EcoQuartier, Ville amie des aînés… Le catalogue est tenu par l’ANCT ; chaque dispositif précise les informations à
        renseigner pour les communes qui y participent.
      </p>
      <div aria-live="polite">{message && <Alert className={fr.cx('fr-mb-3w')} severity="success" small description={message} closable onClose={() => setMessage(null)} />}</div>
      {catalogue.isPending && <LoadingView label="Chargement du catalogue…" />}
      {catalogue.isError && <QueryErrorAlert title="Le catalogue n’a pas pu être chargé" error={catalogue.error} onRetry={() => void catalogue.refetch()} />}
      {catalogue.data && (
        <>
          {catalogue.data.peutAdministrer &&
            (creating ? (
              <NewDemarche
                onDone={(done) => {
                  setCreating(false);
                  setMessage(done ?? null);
                }}
              />
            ) : (
              <Button
                className={fr.cx('fr-mb-4w')}
                iconId="fr-icon-add-line"
                onClick={() => {
                  setMessage(null);
                  setCreating(true);
                }}
              >
                Ajouter un dispositif
              </Button>
            ))}
          <ul className={fr.cx('fr-raw-list')} aria-label="Dispositifs du catalogue">
            {catalogue.data.items.map((d) => (
              <DemarcheItem key={d.id} demarche={d} administrer={catalogue.data.peutAdministrer} readsDossiers={readsDossiers} onSaved={setMessage} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function DemarcheItem({ demarche: d, administrer, readsDossiers, onSaved }: { demarche: Demarche; administrer: boolean; readsDossiers: boolean; onSaved: (message: string | null) => void }) {
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const headingId = `demarche-${d.id}`;
  const panelId = `participants-${d.id}`;
  return (
    <li className={fr.cx('fr-mb-3w', 'fr-p-3w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
      <section aria-labelledby={headingId}>
        <h2 id={headingId} className={fr.cx('fr-h5', 'fr-mb-1w')}>
          {d.nom}{' '}
          {!d.actif && (
            <Badge small severity="info" noIcon>
              Plus proposé
            </Badge>
          )}
        </h2>
        {d.description && <p className={fr.cx('fr-mb-1w')}>{d.description}</p>}
        {d.attributs.length > 0 ? (
          <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
            <span className={fr.cx('fr-text--bold')}>Informations suivies : </span>
            {d.attributs
              .map((a) => `${a.libelle} (${a.type === 'choix' ? (a.choix ?? []).join(', ') : ATTRIBUT_TYPE_LABELS[a.type].toLowerCase()}${a.obligatoire ? ', obligatoire' : ''})`)
              .join(' ; ')}
          </p>
        ) : (
          <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>Seules les dates de participation sont suivies.</p>
        )}
        <p className={fr.cx('fr-text--sm', 'fr-mb-2w')}>
          {d.participations === 0 ? 'Aucune participation' : `${formatNumber(d.participations)} participation${d.participations > 1 ? 's' : ''}`}
          {readsDossiers ? ' sur votre territoire' : ''}
        </p>
        {editing ? (
          <EditDemarche
            demarche={d}
            onDone={(message) => {
              setEditing(false);
              onSaved(message ?? null);
            }}
          />
        ) : (
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-mb-0')}>
            {readsDossiers && d.participations > 0 && (
              <li>
                <Button size="small" priority="secondary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
                  {open ? 'Masquer les participants' : 'Voir les participants'}
                  <span className={fr.cx('fr-sr-only')}> – {d.nom}</span>
                </Button>
              </li>
            )}
            {administrer && (
              <li>
                <Button
                  size="small"
                  priority="tertiary"
                  onClick={() => {
                    onSaved(null);
                    setEditing(true);
                  }}
                >
                  Modifier<span className={fr.cx('fr-sr-only')}> le dispositif {d.nom}</span>
                </Button>
              </li>
            )}
          </ul>
        )}
        <div id={panelId}>{open && <Participants demarche={d} />}</div>
      </section>
    </li>
  );
}

function Participants({ demarche }: { demarche: Demarche }) {
  const [departement, setDepartement] = useState('');
  const [page, setPage] = useState(1);
  const filter = /^(\d{2,3}|2A|2B)$/i.test(departement.trim()) ? departement.trim().toUpperCase() : '';
  const list = useParticipations(demarche.id, { departement: filter, page, pageSize: PAGE_SIZE }, true);
  const pageCount = list.data ? Math.max(1, Math.ceil(list.data.total / list.data.pageSize)) : 1;
  return (
    <div className={fr.cx('fr-mt-3w')}>
      <div style={{ maxWidth: '16rem' }}>
        <TextField
          label="Département"
          hint="Code, par exemple 23"
          name={`departement-${demarche.id}`}
          value={departement}
          onChange={(value) => {
            setDepartement(value);
            setPage(1);
          }}
        />
      </div>
      {list.isPending && <LoadingView label="Chargement des participants…" />}
      {list.isError && <QueryErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data &&
        (list.data.total === 0 ? (
          <p>
            Aucune participation
            {filter && (
              <>
                {' – '}
                <DepartementNom code={filter} />
              </>
            )}
            .
          </p>
        ) : (
          <>
            <ExportLinks listPath={`/api/demarches/${encodeURIComponent(demarche.id)}/participations`} filters={{ departement: filter }} what={`les participants – ${demarche.nom}`} />
            <Table
              fixed={false}
              caption={`Participants – ${demarche.nom} (${formatNumber(list.data.total)})`}
              headers={['Commune', 'Département', 'Période', 'Caractéristiques']}
              data={list.data.items.map((p) => [
                p.pvdId ? <Link key="c" to={`/pvd/${encodeURIComponent(p.pvdId)}`}>{`${p.communeNom} (${p.communeInsee})`}</Link> : `${p.communeNom} (${p.communeInsee})`,
                <DepartementNom key="d" code={p.departementCode} />,
                periodeLabel(p),
                attributsRenseignes(demarche.attributs, p.attributs)
                  .map(([label, value]) => `${label} : ${value}`)
                  .join(' · ') || '–',
              ])}
            />
            {pageCount > 1 && (
              <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm')}>
                <li>
                  <Button size="small" priority="secondary" iconId="fr-icon-arrow-left-s-line" disabled={page <= 1 || list.isFetching} onClick={() => setPage((p) => p - 1)}>
                    Page précédente
                  </Button>
                </li>
                <li>
                  <span className={fr.cx('fr-text--sm')} aria-live="polite">
                    Page {page} sur {pageCount}
                  </span>
                </li>
                <li>
                  <Button size="small" priority="secondary" iconId="fr-icon-arrow-right-s-line" disabled={page >= pageCount || list.isFetching} onClick={() => setPage((p) => p + 1)}>
                    Page suivante
                  </Button>
                </li>
              </ul>
            )}
          </>
        ))}
    </div>
  );
}

function NewDemarche({ onDone }: { onDone: (message?: string) => void }) {
  const create = useCreateDemarche();
  return (
    <DemarcheForm
      pending={create.isPending}
      error={create.error}
      onSubmit={({ actif: _actif, ...input }) => create.mutate(input, { onSuccess: (d) => onDone(`Le dispositif « ${d.nom} » a été ajouté au catalogue.`) })}
      onCancel={() => onDone()}
      onResetError={() => create.reset()}
    />
  );
}

function EditDemarche({ demarche, onDone }: { demarche: Demarche; onDone: (message?: string) => void }) {
  const update = useUpdateDemarche(demarche.id);
  return (
    <DemarcheForm
      demarche={demarche}
      pending={update.isPending}
      error={update.error}
      onSubmit={(input) => update.mutate({ ...input, version: demarche.version }, { onSuccess: (d) => onDone(`Le dispositif « ${d.nom} » a été modifié.`) })}
      onCancel={() => onDone()}
      onResetError={() => update.reset()}
    />
  );
}
