import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import {
  COFINANCEUR_LABELS,
  COFINANCEURS,
  HABITAT_OPERATION_TYPE_LABELS,
  HABITAT_OPERATION_TYPES,
  anahEligibilite,
  formatParametreValeur,
  isHabitatOperationType,
  parametreEnVigueur,
  type Cofinanceur,
  type HabitatOperationType,
  type ParametreCle,
  type ParametresHistorique,
} from '@suivi-pvd/domain';
import { TextField } from '../conventions/text-field';
import { emptyCout, emptyTitulaire, fieldId, partsAsked, type CoutDraft, type PosteDraft, type TitulaireDraft } from './poste-draft';
import { frDay, todayIso } from './poste-format';

/** What an editor needs from the form: the draft, a way to change it, and each field's id, error and blur handler. */
export interface FormApi {
  draft: PosteDraft;
  /** Applies changes made in field `key`; `touch`: show its error at once (dates, choices). */
  change: (changes: Partial<PosteDraft>, key: string, touch?: boolean) => void;
  bind: (key: string) => { id: string; error?: string; onBlur: () => void };
  /** The error of a whole list (e.g. too many years), shown above it. */
  errorOf: (key: string) => string | undefined;
}

export const rowStyle = {
  border: `1px solid ${fr.colors.decisions.border.default.grey.default}`,
  marginInline: 0,
} as const;

const focusLater = (id: string) =>
  requestAnimationFrame(() => {
    document.getElementById(id)?.focus();
  });

/** The people who held or hold the post, one after the other; the gaps are vacancies. */
export function TitulairesEditor({ form }: { form: FormApi }) {
  const rows = form.draft.titulaires;
  const update = (index: number, field: keyof Omit<TitulaireDraft, 'key'>, value: string, touch = false) =>
    form.change({ titulaires: rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)) }, `titulaires.${rows[index].key}.${field}`, touch);
  const add = () => {
    const row = emptyTitulaire();
    form.change({ titulaires: [...rows, row] }, 'titulaires');
    focusLater(fieldId(`titulaires.${row.key}.nom`));
  };
  const remove = (index: number) => {
    form.change({ titulaires: rows.filter((_, i) => i !== index) }, 'titulaires');
    focusLater('poste-ajouter-titulaire');
  };

  return (
    <section aria-labelledby="titulaires-titre" className={fr.cx('fr-mb-4w')}>
      <h3 id="titulaires-titre" className={fr.cx('fr-h5', 'fr-mb-1w')}>
        Titulaires successifs
      </h3>
      <p className={fr.cx('fr-text--sm')}>
        Une ligne par personne ayant occupé le poste. Entre le départ d’un titulaire et l’arrivée du suivant, le poste est vacant et n’est pas
        cofinancé.
      </p>
      {rows.length === 0 && <p>Aucun titulaire : le poste est vacant.</p>}
      {rows.map((row, index) => {
        const k = (field: string) => `titulaires.${row.key}.${field}`;
        return (
          <fieldset key={row.key} className={fr.cx('fr-fieldset', 'fr-mb-2w', 'fr-p-2w')} style={rowStyle}>
            <legend className={fr.cx('fr-fieldset__legend', 'fr-text--md')}>Titulaire {index + 1}</legend>
            <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')} style={{ width: '100%' }}>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <TextField {...form.bind(k('nom'))} label="Nom" name={k('nom')} required autoComplete="off" value={row.nom} onChange={(v) => update(index, 'nom', v)} />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <TextField {...form.bind(k('email'))} label="Courriel" hint="Facultatif" type="email" name={k('email')} value={row.email} onChange={(v) => update(index, 'email', v)} />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <TextField
                  {...form.bind(k('telephone'))}
                  label="Téléphone"
                  hint="Facultatif"
                  type="tel"
                  name={k('telephone')}
                  value={row.telephone}
                  onChange={(v) => update(index, 'telephone', v)}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <TextField {...form.bind(k('debut'))} label="Date d’arrivée" type="date" required name={k('debut')} value={row.debut} onChange={(v) => update(index, 'debut', v, true)} />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <TextField
                  {...form.bind(k('fin'))}
                  label="Date de départ"
                  hint="Dernier jour sur le poste ; vide s’il y est encore"
                  type="date"
                  name={k('fin')}
                  value={row.fin}
                  onChange={(v) => update(index, 'fin', v, true)}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <TextField
                  {...form.bind(k('quotite'))}
                  label="Quotité (%)"
                  hint="100 pour un temps plein"
                  inputMode="numeric"
                  required
                  name={k('quotite')}
                  value={row.quotite}
                  onChange={(v) => update(index, 'quotite', v)}
                />
              </div>
            </div>
            <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" className={fr.cx('fr-mt-1w')} onClick={() => remove(index)}>
              Retirer le titulaire {index + 1}
            </Button>
          </fieldset>
        );
      })}
      <Button type="button" priority="secondary" iconId="fr-icon-add-line" nativeButtonProps={{ id: 'poste-ajouter-titulaire' }} onClick={add}>
        Ajouter un titulaire
      </Button>
    </section>
  );
}

/** The post's annual loaded cost, year by year. */
export function CoutsEditor({ form }: { form: FormApi }) {
  const rows = form.draft.couts;
  const update = (index: number, field: keyof Omit<CoutDraft, 'key'>, value: string) =>
    form.change({ couts: rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)) }, `couts.${rows[index].key}.${field}`);
  const add = () => {
    const years = rows.map((r) => Number(r.annee)).filter((y) => Number.isInteger(y) && y >= 2000 && y <= 2100);
    const row = emptyCout(String(years.length > 0 ? Math.max(...years) + 1 : Number(todayIso().slice(0, 4))));
    form.change({ couts: [...rows, row] }, 'couts');
    focusLater(fieldId(`couts.${row.key}.cout`));
  };
  const remove = (index: number) => {
    form.change({ couts: rows.filter((_, i) => i !== index) }, 'couts');
    focusLater('poste-ajouter-cout');
  };
  const listError = form.errorOf('coutsAnnuels');

  return (
    <section aria-labelledby="couts-titre" className={fr.cx('fr-mb-4w')}>
      <h3 id="couts-titre" className={fr.cx('fr-h5', 'fr-mb-1w')}>
        Coût annuel du poste
      </h3>
      <p className={fr.cx('fr-text--sm')}>
        Le coût chargé (salaire et charges patronales) d’un temps plein sur l’année entière. Le cofinancement est calculé au prorata des jours
        tenus et de la quotité.
      </p>
      {listError && <p className={fr.cx('fr-error-text', 'fr-mb-2w')}>{listError}</p>}
      {rows.length === 0 && <p>Aucun coût saisi : rien n’est calculé.</p>}
      {rows.map((row, index) => {
        const k = (field: string) => `couts.${row.key}.${field}`;
        return (
          <fieldset key={row.key} className={fr.cx('fr-fieldset', 'fr-mb-2w', 'fr-p-2w')} style={rowStyle}>
            <legend className={fr.cx('fr-fieldset__legend', 'fr-text--md')}>Coût annuel {index + 1}</legend>
            <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')} style={{ width: '100%' }}>
              <div className={fr.cx('fr-col-12', 'fr-col-sm-4', 'fr-col-md-3')}>
                <TextField {...form.bind(k('annee'))} label="Année" inputMode="numeric" required name={k('annee')} value={row.annee} onChange={(v) => update(index, 'annee', v)} />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-sm-8', 'fr-col-md-5')}>
                <TextField
                  {...form.bind(k('cout'))}
                  label="Coût annuel chargé (€)"
                  hint="Par exemple : 60000 ou 60 000,50"
                  inputMode="decimal"
                  required
                  name={k('cout')}
                  value={row.cout}
                  onChange={(v) => update(index, 'cout', v)}
                />
              </div>
            </div>
            <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" className={fr.cx('fr-mt-1w')} onClick={() => remove(index)}>
              Retirer le coût annuel {index + 1}
              {row.annee ? ` (${row.annee})` : ''}
            </Button>
          </fieldset>
        );
      })}
      <Button type="button" priority="secondary" iconId="fr-icon-add-line" nativeButtonProps={{ id: 'poste-ajouter-cout' }} onClick={add}>
        Ajouter une année
      </Button>
    </section>
  );
}

const FIN_PARTICIPATION: Record<Cofinanceur, ParametreCle> = {
  etat: 'fin_participation_etat',
  bdt: 'fin_participation_bdt',
  anah: 'fin_participation_anah',
};

/** « Fin fixée par le programme : 31/03/2026 ; 31/12/2028 à partir du 01/01/2027. » */
export function finProgrammeText(parametres: ParametresHistorique, financeur: Cofinanceur, today: string): string {
  const cle = FIN_PARTICIPATION[financeur];
  const now = formatParametreValeur(cle, parametreEnVigueur(parametres, cle, today));
  const later = [...(parametres[cle] ?? [])]
    .filter((v) => v.dateEffet > today)
    .sort((a, b) => a.dateEffet.localeCompare(b.dateEffet))
    .map((v) => `${formatParametreValeur(cle, v.valeur)} à partir du ${frDay(v.dateEffet)}`);
  return `Fin fixée par le programme : ${[now, ...later].join(' ; ')}.`;
}

/** Who co-finances the post, from when to when, and in which shares. */
export function CofinanceursFieldset({ form, parametres }: { form: FormApi; parametres: ParametresHistorique | undefined }) {
  const { draft } = form;
  const today = todayIso();
  const set = (financeur: Cofinanceur, changes: Partial<PosteDraft['cofinanceurs'][Cofinanceur]>, key: string, touch = false) =>
    form.change({ cofinanceurs: { ...draft.cofinanceurs, [financeur]: { ...draft.cofinanceurs[financeur], ...changes } } }, key, touch);
  const operation = draft.operation.type ? { type: draft.operation.type, debut: draft.operation.debut || null, fin: draft.operation.fin || null } : null;
  const anahWarning = draft.cofinanceurs.anah.actif ? anahEligibilite(parametres ?? {}, operation, today) : null;

  return (
    <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')} aria-labelledby="cofinanceurs-legende">
      <legend id="cofinanceurs-legende" className={fr.cx('fr-fieldset__legend')}>
        <span className={fr.cx('fr-h5')}>Cofinanceurs</span>
        <span className={fr.cx('fr-hint-text')}>
          Cochez ceux qui cofinancent le poste. Sans date, la participation court depuis l’origine et jusqu’à la fin fixée par le programme.
        </span>
      </legend>
      {COFINANCEURS.map((financeur) => {
        const c = draft.cofinanceurs[financeur];
        const k = (field: string) => `cofinanceurs.${financeur}.${field}`;
        const checkbox = form.bind(k('actif'));
        return (
          <div key={financeur} className={fr.cx('fr-fieldset__element')}>
            <div className={fr.cx('fr-checkbox-group', checkbox.error ? 'fr-checkbox-group--error' : undefined)}>
              <input
                type="checkbox"
                id={checkbox.id}
                name={k('actif')}
                checked={c.actif}
                onChange={(e) => set(financeur, { actif: e.currentTarget.checked }, k('actif'), true)}
              />
              <label className={fr.cx('fr-label')} htmlFor={checkbox.id}>
                {COFINANCEUR_LABELS[financeur]}
                {parametres && (
                  <span className={fr.cx('fr-hint-text')}>
                    {finProgrammeText(parametres, financeur, today)}
                  </span>
                )}
              </label>
              {checkbox.error && <p className={fr.cx('fr-message', 'fr-message--error')}>{checkbox.error}</p>}
            </div>
            {c.actif && (
              <div role="group" aria-label={`Participation : ${COFINANCEUR_LABELS[financeur]}`} className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mt-1v', 'fr-pl-4w')}>
                <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                  <TextField
                    {...form.bind(k('debut'))}
                    label="Début de la participation"
                    hint="Vide : depuis l’origine"
                    type="date"
                    name={k('debut')}
                    value={c.debut}
                    onChange={(v) => set(financeur, { debut: v }, k('debut'), true)}
                  />
                </div>
                <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                  <TextField
                    {...form.bind(k('fin'))}
                    label="Fin de la participation"
                    hint="Vide : jusqu’à la fin fixée par le programme"
                    type="date"
                    name={k('fin')}
                    value={c.fin}
                    onChange={(v) => set(financeur, { fin: v }, k('fin'), true)}
                  />
                </div>
                {partsAsked(draft) && financeur !== 'anah' && (
                  <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                    <TextField
                      {...form.bind(k('part'))}
                      label="Part (%)"
                      hint="Hors Anah ; total des deux : 100 %"
                      inputMode="numeric"
                      name={k('part')}
                      value={c.part}
                      onChange={(v) => set(financeur, { part: v }, k('part'))}
                    />
                  </div>
                )}
                {financeur === 'anah' && anahWarning && (
                  <div className={fr.cx('fr-col-12')}>
                    <Alert severity="warning" small description={anahWarning} />
                  </div>
                )}
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** A habitat operation recorded for the PVD, that the post may link. */
export interface OperationEnregistree {
  id: string;
  type: HabitatOperationType;
  libelle: string;
  dateDebut: string | null;
  dateFin: string | null;
}

/**
 * The habitat operation that justifies the Anah's participation: one of the operations recorded
 * for the PVD (its type and dates then come from the record and follow its changes), or typed here.
 */
export function OperationFieldset({ form, operations = [] }: { form: FormApi; operations?: readonly OperationEnregistree[] }) {
  const { draft } = form;
  const op = draft.operation;
  const set = (changes: Partial<PosteDraft['operation']>, key: string, touch = false) => form.change({ operation: { ...op, ...changes } }, key, touch);
  const type = form.bind('operation.type');
  const linkId = form.bind('operation.id');
  const linked = op.id !== '';
  const link = (id: string) => {
    const record = operations.find((o) => o.id === id);
    set(record ? { id, type: record.type, libelle: record.libelle, debut: record.dateDebut ?? '', fin: record.dateFin ?? '' } : { id: '' }, 'operation.id', true);
  };

  return (
    <fieldset className={fr.cx('fr-fieldset', 'fr-mb-4w')} aria-labelledby="operation-legende">
      <legend id="operation-legende" className={fr.cx('fr-fieldset__legend')}>
        <span className={fr.cx('fr-h5')}>Opération d’habitat liée</span>
        <span className={fr.cx('fr-hint-text')}>L’opération qui ouvre le cofinancement de l’Anah (par exemple une OPAH-RU), y compris en étude pré-opérationnelle.</span>
      </legend>
      {(operations.length > 0 || linked) && (
        <div className={fr.cx('fr-fieldset__element')}>
          <Select
            label="Opération enregistrée pour la petite ville de demain"
            hint="Liée, le poste suit ses dates et son type ; sinon, décrivez l’opération ci-dessous."
            state={linkId.error ? 'error' : 'default'}
            stateRelatedMessage={linkId.error}
            nativeSelectProps={{ id: linkId.id, name: 'operation.id', value: op.id, onBlur: linkId.onBlur, onChange: (e) => link(e.currentTarget.value) }}
          >
            <option value="">Aucune : saisie ci-dessous</option>
            {linked && !operations.some((o) => o.id === op.id) && <option value={op.id}>{op.libelle || 'Opération liée'}</option>}
            {operations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.libelle} ({HABITAT_OPERATION_TYPE_LABELS[o.type]})
              </option>
            ))}
          </Select>
        </div>
      )}
      <div className={fr.cx('fr-fieldset__element')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Select
              disabled={linked}
              label="Type d’opération"
              state={type.error ? 'error' : 'default'}
              stateRelatedMessage={type.error}
              nativeSelectProps={{
                id: type.id,
                name: 'operation.type',
                value: op.type,
                onBlur: type.onBlur,
                onChange: (e) => {
                  const value = e.currentTarget.value;
                  set({ type: isHabitatOperationType(value) ? value : '' }, 'operation.type', true);
                },
              }}
            >
              <option value="">Aucune opération liée</option>
              {HABITAT_OPERATION_TYPES.map((t) => (
                <option key={t} value={t}>
                  {HABITAT_OPERATION_TYPE_LABELS[t]}
                </option>
              ))}
            </Select>
          </div>
          {op.type && !linked && (
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <TextField
                {...form.bind('operation.libelle')}
                label="Libellé"
                hint="Facultatif. Par exemple : OPAH-RU du centre-bourg"
                name="operation.libelle"
                value={op.libelle}
                onChange={(v) => set({ libelle: v }, 'operation.libelle')}
              />
            </div>
          )}
        </div>
        {linked && (
          <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
            {op.libelle} : {op.debut ? `depuis le ${frDay(op.debut)}` : 'dates non renseignées'}
            {op.fin ? `, jusqu’au ${frDay(op.fin)}` : ', en cours'}.
          </p>
        )}
        {op.type && !linked && (
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <TextField
                {...form.bind('operation.debut')}
                label="Début de l’opération"
                hint="Facultatif"
                type="date"
                name="operation.debut"
                value={op.debut}
                onChange={(v) => set({ debut: v }, 'operation.debut', true)}
              />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <TextField
                {...form.bind('operation.fin')}
                label="Fin de l’opération"
                hint="Vide si elle est en cours"
                type="date"
                name="operation.fin"
                value={op.fin}
                onChange={(v) => set({ fin: v }, 'operation.fin', true)}
              />
            </div>
          </div>
        )}
      </div>
    </fieldset>
  );
}
