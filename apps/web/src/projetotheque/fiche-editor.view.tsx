import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { isApiError, uploadWithProgress, type ApiError } from '@suivi-pvd/api-client';
import { FICHE_LIMITES, FICHE_THEMES, FICHE_THEME_LABELS } from '@suivi-pvd/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { centsToInput, parseEuros } from '../app/money-format';
import { useDocumentTitle } from '../app/use-document-title';
import { ficheKeys, useCreateFiche, useFiche, useFiches, useRemovePhoto, useUpdateFiche, type Fiche, type FicheFields } from './data/fiches.hooks';
import { FicheContent } from './fiche-content';

interface FormState {
  titre: string;
  themes: string[];
  resume: string;
  resultats: string;
  budgetTotal: string;
  financements: { financeur: string; montant: string }[];
  partenaires: string;
  contactFonction: string;
  contactOrganisation: string;
  contactEmail: string;
  contactTelephone: string;
}

const EMPTY: FormState = {
  titre: '',
  themes: [],
  resume: '',
  resultats: '',
  budgetTotal: '',
  financements: [],
  partenaires: '',
  contactFonction: 'Chef de projet Petites villes de demain',
  contactOrganisation: '',
  contactEmail: '',
  contactTelephone: '',
};

function stateOf(fiche: Fiche): FormState {
  return {
    titre: fiche.titre,
    themes: [...fiche.themes],
    resume: fiche.resume ?? '',
    resultats: fiche.resultats ?? '',
    budgetTotal: centsToInput(fiche.budgetTotal),
    financements: fiche.financements.map((f) => ({ financeur: f.financeur, montant: centsToInput(f.montant) })),
    partenaires: fiche.partenaires.join('\n'),
    contactFonction: fiche.contact.fonction ?? '',
    contactOrganisation: fiche.contact.organisation ?? '',
    contactEmail: fiche.contact.email ?? '',
    contactTelephone: fiche.contact.telephone ?? '',
  };
}

const cents = (text: string) => {
  const parsed = parseEuros(text);
  return 'cents' in parsed ? parsed.cents : null;
};

/** The form as the API takes it, and the amounts that are not amounts (by field). */
function fieldsOf(form: FormState): { fields: FicheFields; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const budget = parseEuros(form.budgetTotal);
  if ('error' in budget) errors.budgetTotal = budget.error;
  form.financements.forEach((f, i) => {
    const m = parseEuros(f.montant);
    if ('error' in m) errors[`financements.${i}.montant`] = m.error;
    else if (m.cents === null) errors[`financements.${i}.montant`] = 'Indiquez le montant.';
  });
  const text = (v: string) => (v.trim() ? v.trim() : null);
  return {
    fields: {
      titre: form.titre.trim(),
      themes: form.themes,
      resume: text(form.resume),
      resultats: text(form.resultats),
      budgetTotal: cents(form.budgetTotal),
      financements: form.financements.map((f) => ({ financeur: f.financeur.trim(), montant: cents(f.montant) ?? 0 })),
      partenaires: form.partenaires
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
      contactFonction: text(form.contactFonction),
      contactOrganisation: text(form.contactOrganisation),
      contactEmail: text(form.contactEmail),
      contactTelephone: text(form.contactTelephone),
    },
    errors,
  };
}

/** A new sheet: the chef chooses the PVD (when they have several), writes, previews, saves. */
export function NewFicheView() {
  const list = useFiches('', 1);
  useDocumentTitle('Nouvelle fiche-projet');
  if (list.isPending) return <p role="status">Chargement…</p>;
  const pvds = list.data?.pvdsRedigeables ?? [];
  if (pvds.length === 0) return <Alert severity="info" title="Aucune petite ville de demain" description="Vous ne rédigez de fiche pour aucune petite ville de demain." />;
  return <FicheEditor fiche={null} pvds={pvds} />;
}

/** The editor of an existing sheet (a draft, one to modify, or an unpublished one). */
export function EditFicheView({ id }: { id: string }) {
  const fiche = useFiche(id);
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  useDocumentTitle(fiche.data ? `Modifier « ${fiche.data.titre} »` : 'Modifier une fiche-projet');
  if (fiche.isPending) return <p role="status">Chargement de la fiche…</p>;
  if (fiche.isError || !fiche.data) return <Alert severity="error" title="Fiche introuvable" description={fiche.error?.message ?? ''} />;
  if (!fiche.data.modifiable) {
    return (
      <Alert
        severity="info"
        title="Cette fiche ne se modifie pas en ce moment"
        description={
          <>
            Une fiche en revue ou publiée ne se modifie pas : dépubliez-la d’abord. <Link to={`/projetotheque/fiches/${id}`}>Retour à la fiche</Link>
          </>
        }
      />
    );
  }
  return (
    <>
      {notice && <Alert severity="success" small description={notice} className={fr.cx('fr-mb-2w')} />}
      <FicheEditor key={fiche.data.id} fiche={fiche.data} pvds={[{ id: fiche.data.pvdId, nom: fiche.data.pvd.nom }]} />
    </>
  );
}

function FicheEditor({ fiche, pvds }: { fiche: Fiche | null; pvds: { id: string; nom: string }[] }) {
  const navigate = useNavigate();
  const [form, setForm] = useState<FormState>(fiche ? stateOf(fiche) : EMPTY);
  const [pvdId, setPvdId] = useState(fiche?.pvdId ?? pvds[0]?.id ?? '');
  const [tab, setTab] = useState<'redaction' | 'apercu'>('redaction');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useCreateFiche();
  const update = useUpdateFiche(fiche?.id ?? '');
  const saving = create.isPending || update.isPending;
  const apiError = (create.error ?? update.error) as ApiError | null;
  const errorOf = (field: string) => localErrors[field] ?? (isApiError(apiError) ? apiError.fieldMessage(field) : undefined);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const { fields } = fieldsOf(form);
  const pvdNom = pvds.find((p) => p.id === pvdId)?.nom ?? '';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { fields: input, errors } = fieldsOf(form);
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    if (fiche) {
      update.mutate({ ...input, version: fiche.version }, { onSuccess: (saved) => void navigate(`/projetotheque/fiches/${saved.id}`, { state: { notice: 'Fiche enregistrée.' } }) });
    } else {
      create.mutate(
        { ...input, pvdId },
        { onSuccess: (saved) => void navigate(`/projetotheque/fiches/${saved.id}/modifier`, { state: { notice: 'Brouillon créé : vous pouvez maintenant ajouter des photos.' } }) },
      );
    }
  };

  const state = (field: string) => (errorOf(field) ? ('error' as const) : undefined);
  const preview = {
    ...fields,
    contact: { fonction: fields.contactFonction, organisation: fields.contactOrganisation, email: fields.contactEmail, telephone: fields.contactTelephone },
    photos: fiche?.photos ?? [],
    pvd: fiche?.pvd ?? { idPvd: '', nom: pvdNom, departement: null, region: null, regionCode: null, population: null, classePopulation: null },
    publieeLe: fiche?.publieeLe ?? null,
  } as Parameters<typeof FicheContent>[0]['fiche'];

  return (
    <>
      <h1>{fiche ? `Modifier « ${fiche.titre} »` : 'Nouvelle fiche-projet'}</h1>
      <p>
        La fiche sera relue par l’ANCT avant d’être publiée dans la <Link to="/projetotheque">projetothèque</Link>, ouverte à tous. N’y mettez aucune
        information personnelle : le contact est une fonction, avec l’adresse du service.
      </p>
      <Tabs
        label="Rédaction et aperçu"
        selectedTabId={tab}
        tabs={[
          { tabId: 'redaction', label: 'Rédaction' },
          { tabId: 'apercu', label: 'Aperçu' },
        ]}
        onTabChange={(t) => setTab(t as 'redaction' | 'apercu')}
      >
        {tab === 'apercu' ? (
          <div aria-label="Aperçu de la fiche telle qu’elle sera publiée">
            <p className={fr.cx('fr-text--sm')}>Aperçu : la fiche telle que le public la lira une fois publiée.</p>
            <FicheContent fiche={preview} headingLevel={2} />
          </div>
        ) : (
          <form onSubmit={submit} noValidate>
            {apiError && !Object.keys(apiError.fields ?? {}).length && <Alert className={fr.cx('fr-mb-3w')} severity="error" small description={apiError.message} />}
            {!fiche && pvds.length > 1 && (
              <Select label="Petite ville de demain" nativeSelectProps={{ value: pvdId, onChange: (e) => setPvdId(e.currentTarget.value), required: true }}>
                {pvds.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.nom}
                  </option>
                ))}
              </Select>
            )}
            <Input
              label="Titre du projet"
              state={state('titre')}
              stateRelatedMessage={errorOf('titre')}
              nativeInputProps={{ name: 'titre', value: form.titre, maxLength: FICHE_LIMITES.titre, required: true, onChange: (e) => set('titre', e.currentTarget.value) }}
            />
            <Checkbox
              legend="Thèmes"
              hintText={`Un à ${FICHE_LIMITES.themes} thèmes`}
              orientation="horizontal"
              state={state('themes')}
              stateRelatedMessage={errorOf('themes')}
              options={FICHE_THEMES.map((t) => ({
                label: FICHE_THEME_LABELS[t],
                nativeInputProps: {
                  name: 'themes',
                  value: t,
                  checked: form.themes.includes(t),
                  onChange: (e) => set('themes', e.currentTarget.checked ? [...form.themes, t] : form.themes.filter((x) => x !== t)),
                },
              }))}
            />
            <Input
              label="Résumé du projet"
              hintText="Le contexte, ce qui a été fait, par qui, quand."
              textArea
              state={state('resume')}
              stateRelatedMessage={errorOf('resume')}
              nativeTextAreaProps={{ name: 'resume', rows: 6, value: form.resume, maxLength: FICHE_LIMITES.resume, onChange: (e) => set('resume', e.currentTarget.value) }}
            />
            <Input
              label="Résultats"
              hintText="Les résultats obtenus ou attendus, chiffrés si possible."
              textArea
              state={state('resultats')}
              stateRelatedMessage={errorOf('resultats')}
              nativeTextAreaProps={{ name: 'resultats', rows: 4, value: form.resultats, maxLength: FICHE_LIMITES.resultats, onChange: (e) => set('resultats', e.currentTarget.value) }}
            />
            <fieldset className={fr.cx('fr-fieldset')}>
              <legend className={fr.cx('fr-fieldset__legend')}>Budget et financements</legend>
              <div className={fr.cx('fr-fieldset__element')}>
                <Input
                  label="Budget total (€)"
                  state={state('budgetTotal')}
                  stateRelatedMessage={errorOf('budgetTotal')}
                  nativeInputProps={{ name: 'budgetTotal', inputMode: 'decimal', value: form.budgetTotal, onChange: (e) => set('budgetTotal', e.currentTarget.value) }}
                />
              </div>
              {form.financements.map((f, i) => (
                <div key={i} className={fr.cx('fr-fieldset__element', 'fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
                  <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
                    <Input
                      label={`Financeur ${i + 1}`}
                      state={state(`financements.${i}.financeur`)}
                      stateRelatedMessage={errorOf(`financements.${i}.financeur`)}
                      nativeInputProps={{
                        value: f.financeur,
                        maxLength: FICHE_LIMITES.financeur,
                        onChange: (e) => set('financements', form.financements.map((x, j) => (j === i ? { ...x, financeur: e.currentTarget.value } : x))),
                      }}
                    />
                  </div>
                  <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                    <Input
                      label={`Montant ${i + 1} (€)`}
                      state={state(`financements.${i}.montant`)}
                      stateRelatedMessage={errorOf(`financements.${i}.montant`)}
                      nativeInputProps={{
                        inputMode: 'decimal',
                        value: f.montant,
                        onChange: (e) => set('financements', form.financements.map((x, j) => (j === i ? { ...x, montant: e.currentTarget.value } : x))),
                      }}
                    />
                  </div>
                  <div className={fr.cx('fr-col-12', 'fr-col-md-2')}>
                    <Button
                      type="button"
                      priority="tertiary"
                      iconId="fr-icon-delete-line"
                      onClick={() => set('financements', form.financements.filter((_, j) => j !== i))}
                      title={`Retirer le financement ${i + 1}`}
                    >
                      Retirer
                    </Button>
                  </div>
                </div>
              ))}
              {errorOf('financements') && <p className={fr.cx('fr-error-text', 'fr-fieldset__element')}>{errorOf('financements')}</p>}
              {form.financements.length < FICHE_LIMITES.financements && (
                <div className={fr.cx('fr-fieldset__element')}>
                  <Button type="button" priority="secondary" iconId="fr-icon-add-line" onClick={() => set('financements', [...form.financements, { financeur: '', montant: '' }])}>
                    Ajouter un financement
                  </Button>
                </div>
              )}
            </fieldset>
            <Input
              label="Partenaires"
              hintText="Un partenaire par ligne (organismes, pas de personnes)."
              textArea
              nativeTextAreaProps={{ name: 'partenaires', rows: 3, value: form.partenaires, onChange: (e) => set('partenaires', e.currentTarget.value) }}
            />
            <fieldset className={fr.cx('fr-fieldset')}>
              <legend className={fr.cx('fr-fieldset__legend')}>
                Contact
                <span className={fr.cx('fr-hint-text')}>Une fonction et l’adresse du service, jamais une personne nommée ni une adresse personnelle.</span>
              </legend>
              <div className={fr.cx('fr-fieldset__element')}>
                <Input
                  label="Fonction"
                  state={state('contactFonction')}
                  stateRelatedMessage={errorOf('contactFonction')}
                  nativeInputProps={{ name: 'contactFonction', value: form.contactFonction, maxLength: FICHE_LIMITES.contactFonction, onChange: (e) => set('contactFonction', e.currentTarget.value) }}
                />
              </div>
              <div className={fr.cx('fr-fieldset__element')}>
                <Input
                  label="Organisation"
                  nativeInputProps={{ name: 'contactOrganisation', value: form.contactOrganisation, maxLength: FICHE_LIMITES.contactOrganisation, onChange: (e) => set('contactOrganisation', e.currentTarget.value) }}
                />
              </div>
              <div className={fr.cx('fr-fieldset__element')}>
                <Input
                  label="Adresse électronique du service"
                  hintText="Par exemple : petitesvillesdedemain@mairie-ahun.fr"
                  state={state('contactEmail')}
                  stateRelatedMessage={errorOf('contactEmail')}
                  nativeInputProps={{ name: 'contactEmail', type: 'email', value: form.contactEmail, maxLength: FICHE_LIMITES.contactEmail, onChange: (e) => set('contactEmail', e.currentTarget.value) }}
                />
              </div>
              <div className={fr.cx('fr-fieldset__element')}>
                <Input
                  label="Téléphone du service"
                  state={state('contactTelephone')}
                  stateRelatedMessage={errorOf('contactTelephone')}
                  nativeInputProps={{ name: 'contactTelephone', type: 'tel', value: form.contactTelephone, maxLength: FICHE_LIMITES.contactTelephone, onChange: (e) => set('contactTelephone', e.currentTarget.value) }}
                />
              </div>
            </fieldset>
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
              <li>
                <Button type="submit" disabled={saving}>
                  {saving ? 'Enregistrement…' : fiche ? 'Enregistrer' : 'Créer le brouillon'}
                </Button>
              </li>
              <li>
                <Button type="button" priority="secondary" onClick={() => setTab('apercu')}>
                  Aperçu
                </Button>
              </li>
              <li>
                <Link className={fr.cx('fr-btn', 'fr-btn--tertiary')} to={fiche ? `/projetotheque/fiches/${fiche.id}` : '/projetotheque/fiches'}>
                  Annuler
                </Link>
              </li>
            </ul>
          </form>
        )}
      </Tabs>
      {fiche && <PhotosSection fiche={fiche} />}
    </>
  );
}

/** The photos of a sheet: each with its alternative text (mandatory), JPEG, PNG or WebP. */
function PhotosSection({ fiche }: { fiche: Fiche }) {
  const queryClient = useQueryClient();
  const remove = useRemovePhoto(fiche.id);
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [legende, setLegende] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [uploading, setUploading] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  const upload = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('texteAlternatif', alt);
    if (legende.trim()) form.append('legende', legende);
    form.append('fichier', file, file.name);
    setUploading(true);
    setError(null);
    try {
      const saved = await uploadWithProgress<Fiche>(`/api/fiches/${encodeURIComponent(fiche.id)}/photos`, form);
      queryClient.setQueryData(ficheKeys.one(fiche.id), saved);
      setFile(null);
      setAlt('');
      setLegende('');
      setInputKey((k) => k + 1);
    } catch (e) {
      setError(isApiError(e) ? e : null);
    } finally {
      setUploading(false);
    }
  };

  return (
    <section aria-labelledby="photos-titre" className={fr.cx('fr-mt-6w')}>
      <h2 id="photos-titre" className={fr.cx('fr-h4')}>
        Photos
      </h2>
      {fiche.photos.length === 0 ? (
        <p>Aucune photo.</p>
      ) : (
        <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-raw-list')}>
          {fiche.photos.map((p) => (
            <li key={p.id} className={fr.cx('fr-col-12', 'fr-col-md-4')}>
              <img src={p.url} alt={p.texteAlternatif} className={fr.cx('fr-responsive-img')} />
              <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>Texte alternatif : {p.texteAlternatif}</p>
              <Button type="button" size="small" priority="tertiary" iconId="fr-icon-delete-line" disabled={remove.isPending} onClick={() => remove.mutate(p.id)}>
                Retirer la photo « {p.texteAlternatif} »
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void upload(e)} className={fr.cx('fr-mt-3w')}>
        {error && !error.fieldMessage('texteAlternatif') && <Alert severity="error" small description={error.message} className={fr.cx('fr-mb-2w')} />}
        <div className={fr.cx('fr-upload-group', 'fr-mb-3w')}>
          <label className={fr.cx('fr-label')} htmlFor="photo-fichier">
            Photo
            <span className={fr.cx('fr-hint-text')}>Image JPEG, PNG ou WebP. Vous devez avoir le droit de la publier.</span>
          </label>
          <input key={inputKey} className={fr.cx('fr-upload')} type="file" id="photo-fichier" name="fichier" accept="image/jpeg,image/png,image/webp" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </div>
        <Input
          label="Texte alternatif (obligatoire)"
          hintText="Ce que montre la photo, pour les personnes qui ne la voient pas : « La halle rénovée un jour de marché »."
          state={error?.fieldMessage('texteAlternatif') ? 'error' : undefined}
          stateRelatedMessage={error?.fieldMessage('texteAlternatif')}
          nativeInputProps={{ name: 'texteAlternatif', value: alt, maxLength: FICHE_LIMITES.texteAlternatif, required: true, onChange: (e) => setAlt(e.currentTarget.value) }}
        />
        <Input label="Légende (facultative)" nativeInputProps={{ name: 'legende', value: legende, maxLength: FICHE_LIMITES.legende, onChange: (e) => setLegende(e.currentTarget.value) }} />
        <Button type="submit" priority="secondary" iconId="fr-icon-upload-line" disabled={!file || !alt.trim() || uploading || fiche.photos.length >= FICHE_LIMITES.photos}>
          {uploading ? 'Envoi…' : 'Ajouter la photo'}
        </Button>
      </form>
    </section>
  );
}
