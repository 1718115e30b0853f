import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { isApiError } from '@suivi-pvd/api-client';
import { TRANCHE_LABELS, TRANCHES, demandeCofinancementConstats, formatEuros, instructionErrors, plafondAnnuelDemande, tranchesPrevues, type Tranche } from '@suivi-pvd/domain';
import { useRef, useState, type FormEvent } from 'react';
import { SaveErrorAlert } from '../conventions/conflict-alert';
import { useConfirmation } from '../shared/confirm-dialog';
import { MotifDepassementField, plausibiliteState, plausibiliteSubmit } from '../shared/plausibilite';
import { useInstruireDemande, useParametresHistorique, useSaveDemande, type Demande, type Poste } from './data/postes.hooks';
import { TextField } from '../conventions/text-field';
import { rowKey } from './poste-draft';
import { rowStyle } from './poste-editors';
import { eurosInput, frDay, parseEuros, todayIso } from './poste-format';

type Opened = { kind: 'demande'; annee: number | null } | { kind: 'instruction'; annee: number } | null;

const amountStyle = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

/** The yearly co-financing requests: filed by the chef de projet, granted and paid by the préfecture. */
export function DemandesSection({ poste, onReload }: { poste: Poste; onReload: () => Promise<{ data?: Poste }> }) {
  const [opened, setOpened] = useState<Opened>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const demandes = [...poste.demandes].sort((a, b) => b.annee - a.annee);
  const calcule = (annee: number) => poste.subvention.annees.find((a) => a.annee === annee)?.total ?? null;
  const { modifier, instruire } = poste.droits;

  const open = (next: Opened) => {
    setNotice(null);
    setOpened(next);
    requestAnimationFrame(() => document.getElementById('demande-form-titre')?.focus());
  };
  const done = (message: string) => {
    setOpened(null);
    setNotice(message);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };
  const close = () => {
    setOpened(null);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  return (
    <section aria-labelledby="demandes-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="demandes-titre" className={fr.cx('fr-h4')}>
        Demandes de cofinancement annuelles
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Une demande par année, au plus tard le 31 janvier, pour l’ensemble des cofinanceurs. La préfecture enregistre le montant accordé puis les
        versements : une avance de 75 % au 2e trimestre, le solde au 4e.
      </p>
      <div ref={noticeRef} tabIndex={-1} style={{ outline: 'none' }}>
        {notice && <Alert className={fr.cx('fr-mb-2w')} severity="success" small role="status" description={notice} closable onClose={() => setNotice(null)} />}
      </div>
      {demandes.length === 0 ? (
        <p>Aucune demande de cofinancement n’a été déposée pour ce poste.</p>
      ) : (
        <div className={fr.cx('fr-table', 'fr-table--bordered', 'fr-table--sm', 'fr-table--no-caption', 'fr-table--multiline')}>
          <div className={fr.cx('fr-table__wrapper')}>
            <div className={fr.cx('fr-table__container')} style={{ position: 'relative' }}>
              <div className={fr.cx('fr-table__content')}>
                <table>
                  <caption>Demandes de cofinancement par année</caption>
                  <thead>
                    <tr>
                      <th scope="col">Année</th>
                      <th scope="col" style={amountStyle}>
                        Calculé
                      </th>
                      <th scope="col">Demandé</th>
                      <th scope="col">Accordé</th>
                      <th scope="col" style={amountStyle}>
                        Versé
                      </th>
                      <th scope="col">Tranches</th>
                      {(modifier || instruire) && <th scope="col">Actions</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {demandes.map((d) => {
                      const total = calcule(d.annee);
                      return (
                        <tr key={d.annee}>
                          <th scope="row">{d.annee}</th>
                          <td style={amountStyle}>{total === null ? '—' : formatEuros(total)}</td>
                          <td>
                            <span style={{ whiteSpace: 'nowrap' }}>{formatEuros(d.montantDemande)}</span>
                            <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
                              le {frDay(d.dateDemande)}
                            </span>
                            {d.commentaire && (
                              <span className={fr.cx('fr-text--xs')} style={{ display: 'block', whiteSpace: 'pre-line' }}>
                                {d.commentaire}
                              </span>
                            )}
                            {d.motifDepassement && (
                              <span className={fr.cx('fr-text--xs')} style={{ display: 'block', whiteSpace: 'pre-line' }}>
                                Motif du dépassement : {d.motifDepassement}
                              </span>
                            )}
                          </td>
                          <td>
                            {d.montantAccorde === null ? (
                              'En attente'
                            ) : (
                              <>
                                <span style={{ whiteSpace: 'nowrap' }}>{formatEuros(d.montantAccorde)}</span>
                                {d.dateDecision && (
                                  <span className={fr.cx('fr-text--xs')} style={{ display: 'block' }}>
                                    décision du {frDay(d.dateDecision)}
                                  </span>
                                )}
                              </>
                            )}
                          </td>
                          <td style={amountStyle}>{formatEuros(d.montantVerse)}</td>
                          <td>
                            {d.versements.length === 0 ? (
                              'Aucun versement'
                            ) : (
                              <ul className={fr.cx('fr-raw-list', 'fr-text--sm', 'fr-mb-0')}>
                                {d.versements.map((v, i) => (
                                  <li key={`${v.date}-${i}`}>
                                    {TRANCHE_LABELS[v.tranche]} : {formatEuros(v.montant)} le {frDay(v.date)}
                                  </li>
                                ))}
                              </ul>
                            )}
                          </td>
                          {(modifier || instruire) && (
                            <td>
                              <ul className={fr.cx('fr-btns-group', 'fr-btns-group--sm', 'fr-mb-0')}>
                                {modifier && (
                                  <li>
                                    <Button type="button" priority="secondary" size="small" onClick={() => open({ kind: 'demande', annee: d.annee })}>
                                      Corriger<span className={fr.cx('fr-sr-only')}> la demande {d.annee}</span>
                                    </Button>
                                  </li>
                                )}
                                {instruire && (
                                  <li>
                                    <Button type="button" size="small" onClick={() => open({ kind: 'instruction', annee: d.annee })}>
                                      Instruire<span className={fr.cx('fr-sr-only')}> la demande {d.annee}</span>
                                    </Button>
                                  </li>
                                )}
                              </ul>
                            </td>
                          )}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {modifier && opened === null && (
        <Button type="button" iconId="fr-icon-add-line" onClick={() => open({ kind: 'demande', annee: null })}>
          Déposer une demande
        </Button>
      )}
      {opened?.kind === 'demande' && (
        <DemandeForm
          key={`demande-${opened.annee ?? 'nouvelle'}`}
          poste={poste}
          demande={poste.demandes.find((d) => d.annee === opened.annee) ?? null}
          onDone={(annee, filed) => done(filed ? `La demande de cofinancement ${annee} est déposée.` : `La demande de cofinancement ${annee} est corrigée.`)}
          onCancel={close}
          onReload={onReload}
        />
      )}
      {opened?.kind === 'instruction' && (
        <InstructionForm
          key={`instruction-${opened.annee}`}
          poste={poste}
          annee={opened.annee}
          onDone={() => done(`La décision et les versements de la demande ${opened.annee} sont enregistrés.`)}
          onCancel={close}
          onReload={onReload}
        />
      )}
    </section>
  );
}

/** The years a request may be filed for: the computed years and the current one, without a request yet. */
function yearsToFile(poste: Poste): number[] {
  const current = Number(todayIso().slice(0, 4));
  const years = new Set<number>([...poste.subvention.annees.map((a) => a.annee), current]);
  for (const d of poste.demandes) years.delete(d.annee);
  return [...years].filter((y) => y >= 2020 && y <= 2100).sort((a, b) => b - a);
}

const fieldMessages = (error: unknown, path: string) => (isApiError(error) ? error.fieldMessage(path) : undefined);

/** Files or corrects a year's request; the amount starts from the computed co-financing of the year. */
function DemandeForm({
  poste,
  demande,
  onDone,
  onCancel,
  onReload,
}: {
  poste: Poste;
  demande: Demande | null;
  onDone: (annee: number, filed: boolean) => void;
  onCancel: () => void;
  onReload: () => Promise<{ data?: Poste }>;
}) {
  const save = useSaveDemande(poste.id);
  const toFile = yearsToFile(poste);
  const computed = (annee: number) => poste.subvention.annees.find((a) => a.annee === annee)?.total ?? null;
  const current = Number(todayIso().slice(0, 4));
  const firstYear = demande?.annee ?? (toFile.includes(current) ? current : (toFile[0] ?? current));
  const prefill = (annee: number) => {
    const total = computed(annee);
    return total === null ? '' : eurosInput(total);
  };
  const [annee, setAnnee] = useState(firstYear);
  const [montant, setMontant] = useState(demande ? eurosInput(demande.montantDemande) : prefill(firstYear));
  const [dateDemande, setDateDemande] = useState(demande?.dateDemande ?? todayIso());
  const [commentaire, setCommentaire] = useState(demande?.commentaire ?? '');
  const [motif, setMotif] = useState(demande?.motifDepassement ?? '');
  const [version, setVersion] = useState(demande?.version ?? 0);
  const parametres = useParametresHistorique();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [reloaded, setReloaded] = useState(false);
  // Filed meanwhile by someone else (reloaded after a conflict): this becomes a correction.
  const correction = version > 0;
  const title = correction ? `Corriger la demande ${annee}` : 'Déposer une demande de cofinancement';
  const choices = correction ? [annee] : [...new Set([annee, ...toFile])].sort((a, b) => b - a);

  const total = computed(annee);
  // Live: the request against the computed co-financing and the yearly cap, and against the decision already taken.
  const montantCents = parseEuros(montant);
  const constats =
    montantCents === null || !dateDemande
      ? []
      : demandeCofinancementConstats({
          annee,
          montantDemande: montantCents,
          dateDemande,
          montantAccorde: demande?.montantAccorde ?? null,
          dateDecision: demande?.dateDecision ?? null,
          saisie: 'demande',
          calcule: total,
          plafond: plafondAnnuelDemande(parametres.data ?? {}, annee),
        });
  const liveMontant = plausibiliteState(constats, 'montantDemande');
  const liveDate = plausibiliteState(constats, 'dateDemande');

  const reload = () =>
    void onReload().then(({ data: freshPoste }) => {
      setVersion(freshPoste?.demandes.find((d) => d.annee === annee)?.version ?? 0);
      save.reset();
      setReloaded(true);
    });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const found: Record<string, string> = {};
    const cents = parseEuros(montant);
    if (!montant.trim()) found.montantDemande = 'Indiquez le montant demandé, en euros.';
    else if (cents === null) found.montantDemande = 'Montant invalide : saisissez des euros, par exemple 45000 ou 45 000,50.';
    if (!dateDemande) found.dateDemande = 'Indiquez la date de la demande.';
    // The plausibility rules the API applies: a refusal, or a missing reason, stops here.
    const plausible = plausibiliteSubmit(constats, motif);
    if (Object.keys(found).length === 0) Object.assign(found, plausible.errors);
    setErrors(found);
    setReloaded(false);
    if (Object.keys(found).length > 0 || cents === null) {
      focusInvalid('demande-form');
      return;
    }
    save.mutate(
      { annee, version, montantDemande: cents, dateDemande, commentaire: commentaire.trim() || null, motifDepassement: plausible.motif },
      { onSuccess: () => onDone(annee, version === 0), onError: () => focusInvalid('demande-form') },
    );
  };

  const errorOf = (path: string) => errors[path] ?? fieldMessages(save.error, path);

  return (
    <form id="demande-form" onSubmit={handleSubmit} noValidate aria-labelledby="demande-form-titre" className={fr.cx('fr-mt-3w', 'fr-p-3w')} style={rowStyle}>
      <h3 id="demande-form-titre" tabIndex={-1} className={fr.cx('fr-h5')}>
        {title}
      </h3>
      {save.error !== null && (
        <SaveErrorAlert
          error={save.error}
          title="La demande n'a pas été enregistrée"
          onReload={reload}
          description={isApiError(save.error) && save.error.code === 'VALIDATION_FAILED' && Object.keys(save.error.fields).length > 0 ? 'Corrigez les champs signalés.' : undefined}
        />
      )}
      {reloaded && <Alert className={fr.cx('fr-mb-2w')} severity="info" small description="Le poste est rechargé ; votre saisie est conservée. Vérifiez-la puis enregistrez." />}
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
          <Select
            label="Année"
            disabled={correction}
            nativeSelectProps={{
              name: 'annee',
              value: String(annee),
              onChange: (e) => {
                const next = Number(e.currentTarget.value);
                if (montant === prefill(annee)) setMontant(prefill(next));
                setAnnee(next);
              },
            }}
          >
            {choices.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-5')}>
          <TextField
            id="demande-montant"
            label="Montant demandé (€)"
            hint={total === null ? 'Aucun cofinancement calculé pour cette année' : `Cofinancement calculé pour ${annee} : ${formatEuros(total)}`}
            inputMode="decimal"
            required
            name="montantDemande"
            value={montant}
            onChange={setMontant}
            error={errorOf('montantDemande') ?? liveMontant.error}
            info={liveMontant.info}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <TextField
            id="demande-date"
            label="Date de la demande"
            type="date"
            required
            name="dateDemande"
            value={dateDemande}
            onChange={setDateDemande}
            error={errorOf('dateDemande') ?? liveDate.error}
          />
        </div>
      </div>
      <MotifDepassementField id="demande-motif" constats={constats} value={motif} onChange={setMotif} error={errorOf('motifDepassement')} />
      <TextField id="demande-commentaire" label="Commentaire" hint="Facultatif" textArea rows={3} name="commentaire" value={commentaire} onChange={setCommentaire} error={errorOf('commentaire')} />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left', 'fr-mb-0')}>
        <li>
          <Button type="submit" iconId="fr-icon-save-line" disabled={save.isPending}>
            {save.isPending ? 'Enregistrement…' : correction ? 'Enregistrer la correction' : 'Déposer la demande'}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}

interface VersementDraft {
  key: string;
  date: string;
  montant: string;
  tranche: Tranche;
}

/** The préfecture's decision on a year's request and the payments made. */
function InstructionForm({
  poste,
  annee,
  onDone,
  onCancel,
  onReload,
}: {
  poste: Poste;
  annee: number;
  onDone: () => void;
  onCancel: () => void;
  onReload: () => Promise<{ data?: Poste }>;
}) {
  const instruct = useInstruireDemande(poste.id);
  const confirmation = useConfirmation('modale-confirmer-decision');
  const demande = poste.demandes.find((d) => d.annee === annee);
  const [accorde, setAccorde] = useState(demande ? eurosInput(demande.montantAccorde ?? demande.montantDemande) : '');
  const [dateDecision, setDateDecision] = useState(demande?.dateDecision ?? '');
  const [versements, setVersements] = useState<VersementDraft[]>(
    () => demande?.versements.map((v) => ({ key: rowKey(), date: v.date, montant: eurosInput(v.montant), tranche: v.tranche })) ?? [],
  );
  const [version, setVersion] = useState(demande?.version ?? 0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [reloaded, setReloaded] = useState(false);

  if (!demande) return null;
  const accordeCents = parseEuros(accorde);
  const prevues = accordeCents === null ? [] : tranchesPrevues(accordeCents);
  // Live: the grant against the request, the decision against the request's date.
  const constats = demandeCofinancementConstats({
    annee,
    montantDemande: demande.montantDemande,
    dateDemande: demande.dateDemande,
    montantAccorde: accorde.trim() ? accordeCents : null,
    dateDecision: dateDecision || null,
    saisie: 'instruction',
  });

  const reload = () =>
    void onReload().then(({ data: freshPoste }) => {
      setVersion(freshPoste?.demandes.find((d) => d.annee === annee)?.version ?? version);
      instruct.reset();
      setReloaded(true);
    });

  const updateRow = (index: number, changes: Partial<VersementDraft>) => setVersements((rows) => rows.map((r, i) => (i === index ? { ...r, ...changes } : r)));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (instruct.isPending) return;
    const found: Record<string, string> = {};
    const montantAccorde = accorde.trim() ? parseEuros(accorde) : null;
    if (accorde.trim() && montantAccorde === null) found.montantAccorde = 'Montant invalide : saisissez des euros, par exemple 45000 ou 45 000,50.';
    const parsed = versements.map((v, i) => {
      const montant = parseEuros(v.montant);
      if (!v.date) found[`versements.${i}.date`] = 'Indiquez la date du versement.';
      if (montant === null || montant <= 0) found[`versements.${i}.montant`] = 'Indiquez le montant versé, en euros.';
      return { date: v.date, montant: montant ?? 0, tranche: v.tranche };
    });
    if (Object.keys(found).length === 0) {
      for (const [path, messages] of Object.entries(instructionErrors({ annee, montantAccorde, dateDecision: dateDecision || null, versements: parsed }))) {
        found[path] = messages[0];
      }
    }
    if (Object.keys(found).length === 0) Object.assign(found, plausibiliteSubmit(constats, '').errors);
    setErrors(found);
    setReloaded(false);
    if (Object.keys(found).length > 0) {
      focusInvalid('instruction-form');
      return;
    }
    const record = () =>
      instruct.mutate(
        { annee, version, montantAccorde, dateDecision: dateDecision || null, versements: parsed },
        { onSuccess: onDone, onError: () => focusInvalid('instruction-form') },
      );
    // The decision on the grant (a new amount granted, or its removal) is confirmed first; payments alone are not.
    if (montantAccorde !== demande.montantAccorde) {
      confirmation.ask(
        montantAccorde === null
          ? {
              title: `Effacer la décision sur la demande ${annee} ?`,
              consequence: `Le montant accordé (${formatEuros(demande.montantAccorde ?? 0)}) sera effacé : la demande redeviendra « en attente » pour le chef de projet. Le changement est enregistré dans l’historique.`,
              confirmLabel: 'Effacer la décision',
              onConfirm: record,
            }
          : {
              title: `Accorder ${formatEuros(montantAccorde)} pour ${annee} ?`,
              consequence: `Le montant accordé pour ${annee} sera de ${formatEuros(montantAccorde)} (demandé : ${formatEuros(demande.montantDemande)}). Le chef de projet verra cette décision dans le poste ; toute correction ultérieure restera tracée dans l’historique.`,
              confirmLabel: 'Enregistrer la décision',
              onConfirm: record,
            },
      );
      return;
    }
    record();
  };

  const errorOf = (path: string) => errors[path] ?? fieldMessages(instruct.error, path);

  return (
    <form id="instruction-form" onSubmit={handleSubmit} noValidate aria-labelledby="demande-form-titre" className={fr.cx('fr-mt-3w', 'fr-p-3w')} style={rowStyle}>
      <h3 id="demande-form-titre" tabIndex={-1} className={fr.cx('fr-h5')}>
        Instruire la demande {annee}
      </h3>
      <p className={fr.cx('fr-text--sm')}>
        Demandé : {formatEuros(demande.montantDemande)} le {frDay(demande.dateDemande)}.
      </p>
      {instruct.error !== null && (
        <SaveErrorAlert
          error={instruct.error}
          title="La décision n'a pas été enregistrée"
          onReload={reload}
          description={isApiError(instruct.error) && instruct.error.code === 'VALIDATION_FAILED' && Object.keys(instruct.error.fields).length > 0 ? 'Corrigez les champs signalés.' : undefined}
        />
      )}
      {reloaded && <Alert className={fr.cx('fr-mb-2w')} severity="info" small description="Le poste est rechargé ; votre saisie est conservée. Vérifiez-la puis enregistrez." />}
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <TextField
            id="instruction-montant"
            label="Montant accordé (€)"
            hint="Vide tant que la décision n’est pas prise"
            inputMode="decimal"
            name="montantAccorde"
            value={accorde}
            onChange={setAccorde}
            error={errorOf('montantAccorde') ?? plausibiliteState(constats, 'montantAccorde').error}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <TextField
            id="instruction-date"
            label="Date de la décision"
            type="date"
            name="dateDecision"
            value={dateDecision}
            onChange={setDateDecision}
            error={errorOf('dateDecision') ?? plausibiliteState(constats, 'dateDecision').error}
          />
        </div>
      </div>
      <fieldset className={fr.cx('fr-fieldset', 'fr-mt-2w')} aria-labelledby="versements-legende">
        <legend id="versements-legende" className={fr.cx('fr-fieldset__legend')}>
          Versements
          {prevues.length > 0 && (
            <span className={fr.cx('fr-hint-text')}>
              Tranches prévues : {prevues.map((p) => `${TRANCHE_LABELS[p.tranche]} ${formatEuros(p.montant)}`).join(', ')}.
            </span>
          )}
        </legend>
        {errorOf('versements') && <p className={fr.cx('fr-error-text', 'fr-mb-2w', 'fr-ml-1w')}>{errorOf('versements')}</p>}
        {versements.length === 0 && <p className={fr.cx('fr-ml-1w')}>Aucun versement enregistré.</p>}
        {versements.map((v, index) => (
          <div key={v.key} role="group" aria-label={`Versement ${index + 1}`} className={fr.cx('fr-fieldset__element', 'fr-p-2w', 'fr-mb-2w')} style={rowStyle}>
            <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <Select
                  label="Tranche"
                  nativeSelectProps={{
                    name: `versements.${index}.tranche`,
                    value: v.tranche,
                    onChange: (e) => updateRow(index, { tranche: TRANCHES.find((t) => t === e.currentTarget.value) ?? 'autre' }),
                  }}
                >
                  {TRANCHES.map((t) => (
                    <option key={t} value={t}>
                      {TRANCHE_LABELS[t]}
                    </option>
                  ))}
                </Select>
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <TextField
                  id={`versement-${v.key}-montant`}
                  label="Montant versé (€)"
                  inputMode="decimal"
                  name={`versements.${index}.montant`}
                  value={v.montant}
                  onChange={(montant) => updateRow(index, { montant })}
                  error={errorOf(`versements.${index}.montant`)}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <TextField
                  id={`versement-${v.key}-date`}
                  label="Date du versement"
                  type="date"
                  name={`versements.${index}.date`}
                  value={v.date}
                  onChange={(date) => updateRow(index, { date })}
                  error={errorOf(`versements.${index}.date`)}
                />
              </div>
            </div>
            <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" onClick={() => setVersements((rows) => rows.filter((_, i) => i !== index))}>
              Retirer le versement {index + 1}
            </Button>
          </div>
        ))}
        <div className={fr.cx('fr-fieldset__element')}>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm', 'fr-btns-group--icon-left', 'fr-mb-0')}>
            <li>
              <Button
                type="button"
                priority="secondary"
                iconId="fr-icon-add-line"
                onClick={() => setVersements((rows) => [...rows, { key: rowKey(), date: '', montant: '', tranche: rows.length === 0 ? 'avance' : rows.length === 1 ? 'solde' : 'autre' }])}
              >
                Ajouter un versement
              </Button>
            </li>
            {prevues.length > 0 && versements.length === 0 && (
              <li>
                <Button
                  type="button"
                  priority="secondary"
                  onClick={() => setVersements(prevues.map((p) => ({ key: rowKey(), date: '', montant: eurosInput(p.montant), tranche: p.tranche })))}
                >
                  Préremplir les tranches prévues
                </Button>
              </li>
            )}
          </ul>
        </div>
      </fieldset>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left', 'fr-mb-0')}>
        <li>
          <Button type="submit" iconId="fr-icon-save-line" disabled={instruct.isPending}>
            {instruct.isPending ? 'Enregistrement…' : 'Enregistrer la décision'}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
      {confirmation.dialog}
    </form>
  );
}

function focusInvalid(formId: string) {
  requestAnimationFrame(() => {
    const form = document.getElementById(formId);
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"], .fr-input--error, .fr-error-text, [role="alert"]');
    if (invalid && invalid.matches('input, select, textarea')) invalid.focus();
    else {
      invalid?.setAttribute('tabindex', '-1');
      invalid?.focus();
    }
  });
}
