import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { isApiError } from '@suivi-pvd/api-client';
import { dispositifErrors, FINANCEMENT_NATURE_LABELS, FINANCEMENT_NATURES, PILIER_LABELS, PILIERS, type FinancementNature, type Pilier } from '@suivi-pvd/domain';
import { ChoiceSelect, formatNumber } from '@suivi-pvd/ui';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { SaveErrorAlert } from '../conventions/conflict-alert';
import { TextField } from '../conventions/text-field';
import { useDispositifs, useFinanceurs, useSaveDispositif, type Dispositif } from './data/financements.hooks';

/** The catalogue of dispositifs: read by all, managed by the ANCT (add, modify, close). */
export function DispositifsView() {
  useDocumentTitle('Catalogue des dispositifs');
  const catalogue = useDispositifs();
  const [editing, setEditing] = useState<Dispositif | null | undefined>(undefined);
  const manage = catalogue.data?.peutGerer ?? false;

  return (
    <>
      <Breadcrumb currentPageLabel="Catalogue des dispositifs" homeLinkProps={{ to: '/' }} segments={[{ label: 'Financements', linkProps: { to: '/financements' } }]} />
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '0 1rem' }}>
        <h1>Catalogue des dispositifs</h1>
        {manage && editing === undefined && (
          <Button className={fr.cx('fr-mb-3w')} iconId="fr-icon-add-line" onClick={() => setEditing(null)}>
            Ajouter un dispositif
          </Button>
        )}
      </div>
      <p className={fr.cx('fr-text--lead')}>Les dispositifs de financement suivis par le programme, chacun avec son financeur, son pilier, sa nature et ses années.</p>
      {editing !== undefined && <DispositifPanel key={editing?.id ?? 'nouveau'} dispositif={editing} onClose={() => setEditing(undefined)} />}
      {catalogue.isPending && <LoadingView label="Chargement du catalogue…" />}
      {catalogue.isError && <QueryErrorAlert title="Le catalogue n’a pas pu être chargé" error={catalogue.error} onRetry={() => void catalogue.refetch()} />}
      {catalogue.data && (
        <div className={fr.cx('fr-table', 'fr-table--no-caption', 'fr-table--multiline')}>
          <div className={fr.cx('fr-table__wrapper')}>
            <div className={fr.cx('fr-table__container')}>
              <div className={fr.cx('fr-table__content')}>
                <table>
                  <caption>Dispositifs de financement</caption>
                  <thead>
                    <tr>
                      <th scope="col">Dispositif</th>
                      <th scope="col">Financeur</th>
                      <th scope="col">Pilier</th>
                      <th scope="col">Nature</th>
                      <th scope="col">Années</th>
                      <th scope="col">Compte</th>
                      <th scope="col" style={{ textAlign: 'right' }}>
                        Lignes
                      </th>
                      {manage && (
                        <th scope="col">
                          <span className={fr.cx('fr-sr-only')}>Actions</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {catalogue.data.dispositifs.map((d) => (
                      <tr key={d.id}>
                        <td style={{ minWidth: '12rem' }}>
                          {d.nom}
                          {!d.actif && (
                            <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
                              Fermé aux nouvelles lignes
                            </span>
                          )}
                        </td>
                        <td>{d.financeurNom}</td>
                        <td>{PILIER_LABELS[d.pilier]}</td>
                        <td>{FINANCEMENT_NATURE_LABELS[d.nature]}</td>
                        <td style={{ whiteSpace: 'nowrap' }}>{d.anneeDebut || d.anneeFin ? `${d.anneeDebut ?? '…'} – ${d.anneeFin ?? 'en cours'}` : '—'}</td>
                        <td>{[d.compteLogements && 'Logements', d.compteDossiers && 'Dossiers'].filter(Boolean).join(', ') || '—'}</td>
                        <td style={{ textAlign: 'right' }}>{formatNumber(d.nombreLignes)}</td>
                        {manage && (
                          <td>
                            <Button size="small" priority="tertiary" iconId="fr-icon-edit-line" onClick={() => setEditing(d)} nativeButtonProps={{ 'aria-label': `Modifier ${d.nom}` }}>
                              Modifier
                            </Button>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

interface Draft {
  nom: string;
  financeurId: string;
  pilier: Pilier;
  nature: FinancementNature;
  anneeDebut: string;
  anneeFin: string;
  compteLogements: boolean;
  compteDossiers: boolean;
  actif: boolean;
}
type Field = 'nom' | 'financeurId' | 'pilier' | 'nature' | 'anneeDebut' | 'anneeFin' | 'compteLogements' | 'compteDossiers';
const FIELDS: readonly Field[] = ['nom', 'financeurId', 'pilier', 'nature', 'anneeDebut', 'anneeFin', 'compteLogements', 'compteDossiers'];

function DispositifPanel({ dispositif, onClose }: { dispositif: Dispositif | null; onClose: () => void }) {
  const financeurs = useFinanceurs();
  const save = useSaveDispositif(dispositif?.id ?? null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const [draft, setDraft] = useState<Draft>({
    nom: dispositif?.nom ?? '',
    financeurId: dispositif?.financeurId ?? '',
    pilier: dispositif?.pilier ?? 'thematique',
    nature: dispositif?.nature ?? 'subvention',
    anneeDebut: dispositif?.anneeDebut?.toString() ?? '',
    anneeFin: dispositif?.anneeFin?.toString() ?? '',
    compteLogements: dispositif?.compteLogements ?? false,
    compteDossiers: dispositif?.compteDossiers ?? false,
    actif: dispositif?.actif ?? true,
  });
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const apiError = isApiError(save.error) ? save.error : null;
  const errors = { ...clientErrors };
  for (const f of FIELDS) if (!errors[f] && apiError?.fieldMessage(f)) errors[f] = apiError.fieldMessage(f);

  const year = (text: string) => (text.trim() ? Number(text.trim()) : null);
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { ...draft, nom: draft.nom.trim(), anneeDebut: year(draft.anneeDebut), anneeFin: year(draft.anneeFin) };
    const found: Partial<Record<Field, string>> = {};
    for (const [f, messages] of Object.entries(dispositifErrors(input))) found[f as Field] = messages[0];
    if (!draft.financeurId) found.financeurId = 'Choisissez le financeur.';
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      save.reset();
      return;
    }
    save.mutate({ ...input, version: dispositif?.version }, { onSuccess: onClose });
  };

  return (
    <section aria-labelledby="dispositif-titre" className={fr.cx('fr-p-3w', 'fr-mb-4w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
      <h2 id="dispositif-titre" ref={headingRef} tabIndex={-1} className={fr.cx('fr-h4')}>
        {dispositif ? `Modifier « ${dispositif.nom} »` : 'Ajouter un dispositif'}
      </h2>
      <form onSubmit={handleSubmit} noValidate aria-labelledby="dispositif-titre">
        {save.error ? (
          <SaveErrorAlert error={save.error} title="Le dispositif n’a pas été enregistré" />
        ) : (
          Object.keys(clientErrors).length > 0 && <Alert className={fr.cx('fr-mb-3w')} severity="error" small description="Corrigez les champs signalés." />
        )}
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <TextField label="Nom" name="nom" value={draft.nom} onChange={(v) => set('nom', v)} error={errors.nom} required />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Select
              label="Financeur"
              state={errors.financeurId ? 'error' : 'default'}
              stateRelatedMessage={errors.financeurId}
              nativeSelectProps={{ name: 'financeurId', value: draft.financeurId, required: true, onChange: (e) => set('financeurId', e.currentTarget.value) }}
            >
              <option value="" disabled>
                Sélectionnez un financeur
              </option>
              {(financeurs.data?.financeurs ?? [])
                .filter((f) => f.actif || f.id === draft.financeurId)
                .map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.nom}
                  </option>
                ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-md-3')}>
            <ChoiceSelect label="Pilier" name="pilier" choices={PILIERS} labels={PILIER_LABELS} value={draft.pilier} onChange={(v) => v && set('pilier', v)} error={errors.pilier} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-md-3')}>
            <ChoiceSelect label="Nature" name="nature" choices={FINANCEMENT_NATURES} labels={FINANCEMENT_NATURE_LABELS} value={draft.nature} onChange={(v) => v && set('nature', v)} error={errors.nature} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-md-3')}>
            <TextField label="Première année" name="anneeDebut" inputMode="numeric" value={draft.anneeDebut} onChange={(v) => set('anneeDebut', v)} error={errors.anneeDebut} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-md-3')}>
            <TextField label="Dernière année" hint="Vide : en cours" name="anneeFin" inputMode="numeric" value={draft.anneeFin} onChange={(v) => set('anneeFin', v)} error={errors.anneeFin} />
          </div>
        </div>
        <Checkbox
          legend="Options"
          state={errors.compteLogements || errors.compteDossiers ? 'error' : 'default'}
          stateRelatedMessage={errors.compteLogements ?? errors.compteDossiers}
          options={[
            { label: 'Les lignes comptent les logements rénovés', nativeInputProps: { name: 'compteLogements', checked: draft.compteLogements, onChange: (e) => set('compteLogements', e.currentTarget.checked) } },
            { label: 'Les lignes comptent les dossiers acceptés', nativeInputProps: { name: 'compteDossiers', checked: draft.compteDossiers, onChange: (e) => set('compteDossiers', e.currentTarget.checked) } },
            {
              label: 'Ouvert à de nouvelles lignes',
              hintText: 'Décochez pour fermer le dispositif : ses lignes restent.',
              nativeInputProps: { name: 'actif', checked: draft.actif, onChange: (e) => set('actif', e.currentTarget.checked) },
            },
          ]}
        />
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
          <li>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? 'Enregistrement…' : 'Enregistrer'}
            </Button>
          </li>
          <li>
            <Button type="button" priority="secondary" onClick={onClose}>
              Annuler
            </Button>
          </li>
        </ul>
      </form>
    </section>
  );
}
