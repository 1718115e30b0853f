import { ROLE_LABELS } from '../access/permissions';
import { CONVENTION_STATE_LABELS } from '../conventions/convention-workflow.rules';
import {
  CONTACT_FONCTION_LABELS,
  DOCUMENT_MIME_TYPES,
  DOCUMENT_NATURE_LABELS,
  PLAN_ACTION_STATUT_LABELS,
  PLAN_ACTION_THEME_LABELS,
  conventionTitle,
  type ContactFonction,
  type ConventionType,
} from '../conventions/convention.rules';
import { ATTRIBUT_TYPE_LABELS } from '../demarches/demarches.rules';
import { CLUB_EVENEMENT_STATUT_LABELS, CLUB_EVENEMENT_TYPE_LABELS, CLUB_INSCRIPTION_STATUT_LABELS } from '../club/evenements.rules';
import { DISCUSSION_ITEM_LABELS, type DiscussionItemType } from '../discussions/discussion.rules';
import { FICHE_STATUT_LABELS, FICHE_THEME_LABELS } from '../club/fiches.rules';
import { FINANCEMENT_NATURE_LABELS, FINANCEMENT_STATUT_LABELS, PILIER_LABELS } from '../financements/financements.rules';
import { HABITAT_OPERATION_PHASE_LABELS, HABITAT_OPERATION_TYPE_LABELS } from '../habitat/habitat-operation.rules';
import { NATIONAL_IMPORT_TYPE_LABELS } from '../imports/national-import.rules';
import { INDICATEURS } from '../indicateurs/catalogue';
import { PORTEE_TYPE_LABELS } from '../indicateurs/portee.rules';
import { VALEURS_REFERENCE } from '../indicateurs/valeurs-reference.rules';
import { TRANCHE_LABELS } from '../ingenierie/demande-cofinancement.rules';
import { MISSION_NATURE_LABELS, MISSION_STATUT_LABELS } from '../ingenierie/missions.rules';
import { PARAMETRES, formatParametreValeur, isParametreCle } from '../ingenierie/programme-parameters.rules';
import { COFINANCEUR_LABELS } from '../ingenierie/subsidy.rules';
import { NIVEAUX_DENSITE } from '../referentiel/densite.rules';
import { NOTIFICATION_DELIVERY_LABELS, NOTIFICATION_KIND_LABELS } from '../notifications/kinds';
import { ORT_STATUT_LABELS } from '../territoire/ort.rules';
import {
  MASQUE,
  auditRef,
  refLabel,
  type AuditEntitySpec,
  type AuditFieldSpec,
  type AuditRef,
  type AuditRefKind,
  type AuditSnapshot,
  type AuditValueKind,
} from './audit-fields.rules';
import { formatAmount, formatFileSize, formatLongDate, formatNumber, formatPeriod, truncateText } from './audit-values.rules';

// ─── Building blocks ──────────────────────────────────────────────────────────

const field = (libelle: string, valeur: AuditValueKind): AuditFieldSpec => ({ libelle, valeur });
const texte = (libelle: string) => field(libelle, { type: 'texte' });
const texteLong = (libelle: string) => field(libelle, { type: 'texte_long' });
const date = (libelle: string) => field(libelle, { type: 'date' });
const montant = (libelle: string) => field(libelle, { type: 'montant' });
const booleen = (libelle: string) => field(libelle, { type: 'booleen' });
const entier = (libelle: string) => field(libelle, { type: 'entier' });
const annee = (libelle: string) => field(libelle, { type: 'annee' });
const choix = (libelle: string, labels: Readonly<Record<string, string>>) => field(libelle, { type: 'choix', labels });
const ref = (libelle: string, kind: AuditRefKind | ((s: AuditSnapshot) => AuditRefKind | null), nom?: string) => field(libelle, { type: 'ref', kind, nom });
const refs = (libelle: string, kind: AuditRefKind) => field(libelle, { type: 'refs', kind });
const libre = (libelle: string, format: (value: unknown, ctx: { label: Parameters<typeof refLabel>[2]; snapshot: AuditSnapshot }) => string, refsOf?: (value: unknown, snapshot: AuditSnapshot) => AuditRef[]) =>
  field(libelle, { type: 'libre', format, refs: refsOf });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const str = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const quoted = (value: unknown) => `« ${str(value)} »`;
const list = (value: unknown) => (Array.isArray(value) ? value : []);
const dayOrNothing = (value: unknown) => (typeof value === 'string' && value ? formatLongDate(value) : null);

/** A commune or an EPCI, as a record's `…Type` field says. */
const communeOrEpci = (typeField: string) => (s: AuditSnapshot): AuditRefKind => (s[typeField] === 'epci' ? 'epci' : 'commune');

/** The import a record came from: its file, resolved (a partner import keeps only its id). */
const IMPORT_FIELDS = {
  importId: ref('Import', 'import', 'fichier'),
  fichier: MASQUE,
} as const;

// ─── Structured values ────────────────────────────────────────────────────────

/** A message of a discussion, as audited: where, its text, who it mentions, whether deleted. */
const discussionChamps = {
  itemType: choix('Fil de discussion', DISCUSSION_ITEM_LABELS),
  itemId: MASQUE,
  texte: texteLong('Message'),
  mentionnes: libre('Personnes mentionnées', (value) => (list(value).length === 0 ? '(aucune)' : list(value).map(str).join(', '))),
  interne: booleen('Note interne'),
  supprime: booleen('Supprimé'),
} as const;

const signataires = libre('Signataires', (value) =>
  list(value).length === 0 ? '(aucun)' : list(value).map((s) => (isRecord(s) ? [s.nom, s.qualite, s.organisme].filter(Boolean).join(', ') : str(s))).join(' ; '),
);

const planActions = libre("Plan d'actions", (value) =>
  list(value).length === 0
    ? '(aucune)'
    : list(value)
        .map((a, i) => {
          if (!isRecord(a)) return str(a);
          const theme = PLAN_ACTION_THEME_LABELS[a.thematique as keyof typeof PLAN_ACTION_THEME_LABELS];
          const statut = PLAN_ACTION_STATUT_LABELS[a.statut as keyof typeof PLAN_ACTION_STATUT_LABELS];
          const details = [
            theme,
            typeof a.porteur === 'string' && a.porteur ? `porteur : ${a.porteur}` : null,
            dayOrNothing(a.dateDebut) ? `début ${dayOrNothing(a.dateDebut)}` : null,
            dayOrNothing(a.dateFin) ? `fin ${dayOrNothing(a.dateFin)}` : null,
            statut?.toLowerCase(),
          ].filter(Boolean);
          return `${i + 1}. ${str(a.intitule)}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
        })
        .join(' ; '),
);

/** « commune 23001 » / « epci 200067106 »: the employer of a post. */
function employeurRef(value: unknown): AuditRef | null {
  const [type, code] = str(value).split(' ');
  return auditRef(type === 'epci' ? 'epci' : type === 'commune' ? 'commune' : null, code);
}
const employeur = libre(
  'Employeur',
  (value, { label }) => {
    const r = employeurRef(value);
    return r ? refLabel(r.kind, r.id, label) : str(value);
  },
  (value) => [employeurRef(value)].filter((r): r is AuditRef => r !== null),
);

const operationHabitatLiee = libre('Opération d’habitat liée', (value) => {
  if (!isRecord(value)) return '(aucune)';
  const type = HABITAT_OPERATION_TYPE_LABELS[value.type as keyof typeof HABITAT_OPERATION_TYPE_LABELS] ?? str(value.type);
  return [type, value.libelle, formatPeriod(value.debut, value.fin)].filter(Boolean).join(', ');
});

const titulaires = libre('Titulaires', (value) =>
  list(value).length === 0
    ? '(aucun)'
    : list(value)
        .map((t) => (isRecord(t) ? `${str(t.nom)} (${formatPeriod(t.debut, t.fin)}${typeof t.quotite === 'number' ? `, ${formatNumber(t.quotite)} %` : ''})` : str(t)))
        .join(' ; '),
);

const coutsAnnuels = libre('Coûts annuels chargés', (value) =>
  list(value).length === 0 ? '(aucun)' : list(value).map((c) => (isRecord(c) && typeof c.cout === 'number' ? `${str(c.annee)} : ${formatAmount(c.cout)}` : str(c))).join(' ; '),
);

/** The yearly subsidies a recomputation changed (job `postes.recalculer-subventions`). */
const subventions = libre('Cofinancement calculé', (value) =>
  list(value).length === 0 ? '(aucun)' : list(value).map((c) => (isRecord(c) && typeof c.montant === 'number' ? `${str(c.annee)} : ${formatAmount(c.montant)}` : str(c))).join(' ; '),
);

const cofinanceurs = libre('Cofinanceurs', (value) =>
  list(value).length === 0
    ? '(aucun)'
    : list(value)
        .map((c) => {
          if (!isRecord(c)) return str(c);
          const nom = COFINANCEUR_LABELS[c.financeur as keyof typeof COFINANCEUR_LABELS] ?? str(c.financeur);
          return `${nom}${c.debut || c.fin ? ` (${formatPeriod(c.debut, c.fin)})` : ''}${typeof c.part === 'number' ? `, ${c.part} %` : ''}`;
        })
        .join(' ; '),
);

const versements = libre('Versements', (value) =>
  list(value).length === 0
    ? '(aucun)'
    : list(value)
        .map((v) =>
          isRecord(v) && typeof v.montant === 'number'
            ? `${formatLongDate(str(v.date))} : ${formatAmount(v.montant)} (${TRANCHE_LABELS[v.tranche as keyof typeof TRANCHE_LABELS] ?? str(v.tranche)})`
            : str(v),
        )
        .join(' ; '),
);

const objectifs = libre('Objectifs et logements traités', (value) =>
  list(value).length === 0
    ? '(aucun)'
    : list(value).map((o) => (isRecord(o) ? `${str(o.annee)} : objectif ${o.objectif ?? '—'}, traités ${o.traites ?? '—'}` : str(o))).join(' ; '),
);

const attributsDefinis = libre('Attributs renseignés pour chaque commune', (value) =>
  list(value).length === 0
    ? '(aucun)'
    : list(value)
        .map((a) => {
          if (!isRecord(a)) return str(a);
          const type = ATTRIBUT_TYPE_LABELS[a.type as keyof typeof ATTRIBUT_TYPE_LABELS] ?? str(a.type);
          const options = Array.isArray(a.choix) && a.choix.length > 0 ? ` : ${a.choix.join(', ')}` : '';
          return `${str(a.libelle)} (${type.toLowerCase()}${options})`;
        })
        .join(' ; '),
);

/** A participation's commune: an INSEE code (imports) or « Ahun (23001) » (entered). */
const INSEE = /^[0-9][0-9AB][0-9]{3}$/;
const participationCommune = libre(
  'Commune',
  (value, { label }) => (INSEE.test(str(value)) ? refLabel('commune', str(value), label) : str(value)),
  (value) => (INSEE.test(str(value)) ? [{ kind: 'commune', id: str(value) }] : []),
);

const densiteExemples = libre(
  'Exemples',
  (value, { label }) =>
    list(value)
      .map((e) => (isRecord(e) ? `${refLabel('commune', str(e.insee), label)} : ${NIVEAUX_DENSITE[e.densite as keyof typeof NIVEAUX_DENSITE] ?? 'non renseignée'}` : str(e)))
      .join(' ; ') || '(aucun)',
  (value) => list(value).flatMap((e) => (isRecord(e) && INSEE.test(str(e.insee)) ? [{ kind: 'commune' as const, id: str(e.insee) }] : [])),
);

const parametreValeur = libre('Valeur', (value, { snapshot }) => (isParametreCle(snapshot.cle) ? formatParametreValeur(snapshot.cle, value) : truncateText(JSON.stringify(value))));

const typeMime = libre('Type de fichier', (value) => DOCUMENT_MIME_TYPES[str(value)] ?? str(value));
const taille = libre('Taille', (value) => (typeof value === 'number' ? formatFileSize(value) : str(value)));
const nombre = (libelle: string) => libre(libelle, (value) => (typeof value === 'number' ? formatNumber(value) : str(value)));
const erreur = libre('Erreur', (value) => truncateText(isRecord(value) && typeof value.message === 'string' ? value.message : typeof value === 'string' ? value : JSON.stringify(value)));

const JOB_STATE_LABELS: Record<string, string> = {
  created: 'En attente',
  retry: 'Nouvelle tentative prévue',
  active: 'En cours',
  completed: 'Terminée',
  failed: 'En échec',
  cancelled: 'Annulée',
};

const ZONE_LABELS: Record<string, string> = { nation: 'France entière', region: 'Région', departement: 'Département' };
const zoneKind = (typeField: string) => (s: AuditSnapshot): AuditRefKind | null =>
  s[typeField] === 'region' ? 'region' : s[typeField] === 'departement' ? 'departement' : s[typeField] === 'epci' ? 'epci' : s[typeField] === 'pvd' ? 'pvd' : null;

// ─── The audited records ──────────────────────────────────────────────────────

/** Who reads the programme's records as their forms name them, entity type by entity type. */
export const AUDIT_ENTITIES = {
  convention: {
    cible: 'convention',
    objet: (id, s, label) => (s.type ? conventionTitle(s.type as ConventionType, (s.numero as number | null | undefined) ?? null) : refLabel('convention', id, label)),
    champs: {
      type: MASQUE,
      numero: MASQUE,
      etat: choix('État', CONVENTION_STATE_LABELS),
      objet: texteLong("Objet de l'avenant"),
      diagnostic: texteLong('Synthèse du diagnostic'),
      strategie: texteLong('Stratégie de revitalisation'),
      vautOrt: booleen('Vaut ORT'),
      signataires,
      actions: planActions,
      dateSignature: date('Date de signature'),
      commentaire: texteLong('Commentaire'),
      ...IMPORT_FIELDS,
    },
  },
  pvd_contact: {
    objet: (_id, s) => `Contact : ${CONTACT_FONCTION_LABELS[s.fonction as ContactFonction] ?? 'contact'}`,
    champs: {
      fonction: MASQUE,
      nom: texte('Prénom et nom'),
      qualite: texte('Qualité'),
      email: texte('Adresse électronique'),
      telephone: texte('Téléphone'),
    },
  },
  document: {
    objet: (_id, s) => `Document ${quoted(s.titre)}`,
    champs: {
      titre: texte('Titre du document'),
      nature: choix('Nature', DOCUMENT_NATURE_LABELS),
      conventionId: ref('Convention', 'convention'),
      missionId: ref('Mission', 'mission'),
      messageId: MASQUE,
      version: entier('Version'),
      nomFichier: texte('Fichier'),
      typeMime,
      taille,
    },
  },
  pvd: {
    cible: 'pvd',
    objet: () => 'Programme (liste nationale)',
    champs: {
      idPvd: texte('Identifiant PVD'),
      epciSiren: ref('EPCI', 'epci'),
      dateSelection: date('Date de sélection'),
      dateConventionAdhesion: date("Date de la convention d'adhésion"),
      provisoire: booleen('Identifiant provisoire'),
      commune: ref('Commune', 'commune'),
      pvdId: ref('Petite ville de demain', 'pvd'),
      debut: date('Entrée'),
      fin: date('Sortie'),
      le: date('Date du changement'),
      motif: texteLong('Motif'),
      pvdRetiree: booleen('Petite ville de demain retirée du programme'),
      ...IMPORT_FIELDS,
    },
  },
  poste: {
    // A recomputation after a parameter changed tells its cause (`message`, written by the job).
    objet: (_id, s) => `Poste ${quoted(s.intitule)}${typeof s.message === 'string' && s.message ? ` – ${s.message}` : ''}`,
    champs: {
      intitule: texte('Intitulé du poste'),
      subventions,
      message: MASQUE,
      parametre: MASQUE,
      employeur,
      operationHabitat: operationHabitatLiee,
      titulaires,
      coutsAnnuels,
      cofinanceurs,
      reference: texte('Référence'),
      source: texte('Source'),
      dateSource: date('Date de la source'),
      ...IMPORT_FIELDS,
    },
  },
  demande_cofinancement: {
    objet: (_id, s) => `Demande de cofinancement ${str(s.annee)}`.trim(),
    champs: {
      annee: annee('Année'),
      montantDemande: montant('Montant demandé'),
      dateDemande: date('Date de la demande'),
      commentaire: texteLong('Commentaire'),
      montantAccorde: montant('Montant accordé'),
      dateDecision: date('Date de la décision'),
      versements,
      motifDepassement: texteLong('Motif du dépassement'),
      source: texte('Source'),
      dateSource: date('Date de la source'),
    },
  },
  mission: {
    cible: 'mission',
    objet: (id, s, label) => (s.intitule ? `Mission ${quoted(s.intitule)}` : refLabel('mission', id, label)),
    champs: {
      pvdId: ref('Petite ville de demain', 'pvd'),
      financeurId: ref('Financeur', 'financeur', 'financeur'),
      financeur: MASQUE,
      nature: choix('Nature', MISSION_NATURE_LABELS),
      thematique: choix('Thématique', PLAN_ACTION_THEME_LABELS),
      intitule: texte('Intitulé'),
      prestataire: texte('Prestataire'),
      montantEngage: montant('Montant engagé'),
      montantVerse: montant('Montant versé'),
      dateDemande: date('Date de la demande'),
      dateEngagement: date('Date d’engagement'),
      dateDebut: date('Date de début'),
      dateFin: date('Date de fin'),
      statut: choix('Statut', MISSION_STATUT_LABELS),
      referenceExterne: texte('Référence chez le financeur'),
      source: texte('Source'),
      dateSource: date('Données au'),
      ...IMPORT_FIELDS,
    },
  },
  ort: {
    objet: (_id, s) => `ORT ${quoted(s.libelle)}`,
    champs: {
      libelle: texte('Intitulé'),
      statut: choix('Statut', ORT_STATUT_LABELS),
      dateSignature: date('Date de signature'),
      dureeAnnees: entier('Durée (années)'),
      epciSiren: ref('EPCI signataire', 'epci'),
      communes: refs('Communes couvertes', 'commune'),
      conventionCadreId: ref('Convention-cadre valant ORT', 'convention'),
      referenceExterne: texte('Référence'),
      source: texte('Source'),
      dateSource: date('Date de la source'),
      ...IMPORT_FIELDS,
    },
  },
  operation_habitat: {
    cible: 'operation_habitat',
    objet: (id, s, label) => (s.libelle ? `Opération d’habitat ${quoted(s.libelle)}` : refLabel('operation_habitat', id, label)),
    champs: {
      type: choix('Type', HABITAT_OPERATION_TYPE_LABELS),
      operateur: texte('Opérateur'),
      libelle: texte('Intitulé'),
      maitreOuvrageType: MASQUE,
      maitreOuvrageCode: ref('Maître d’ouvrage', communeOrEpci('maitreOuvrageType')),
      communes: refs('Communes couvertes', 'commune'),
      phase: choix('Phase', HABITAT_OPERATION_PHASE_LABELS),
      dateDebut: date('Date de début'),
      dateFin: date('Date de fin (prévue ou de clôture)'),
      objectifs,
      engagementAnah: montant('Engagement de l’Anah'),
      engagementCollectivite: montant('Engagement de la collectivité'),
      motifDepassement: texteLong('Motif du dépassement'),
      referenceExterne: texte('Référence'),
      source: texte('Source'),
      dateSource: date('Date de la source'),
      ...IMPORT_FIELDS,
    },
  },
  ligne_financement: {
    objet: (_id, s) => `Financement ${quoted(s.projet)}`,
    champs: {
      beneficiaireType: MASQUE,
      beneficiaireCode: ref('Bénéficiaire', communeOrEpci('beneficiaireType'), 'beneficiaire'),
      beneficiaire: MASQUE,
      dispositifId: ref('Dispositif', 'dispositif', 'dispositif'),
      dispositif: MASQUE,
      projet: texte('Projet financé'),
      montant: montant('Montant'),
      statut: choix('Statut', FINANCEMENT_STATUT_LABELS),
      dateDemande: date(`Date : ${FINANCEMENT_STATUT_LABELS.demande.toLowerCase()}`),
      dateEngagement: date(`Date : ${FINANCEMENT_STATUT_LABELS.engage.toLowerCase()}`),
      dateContractualisation: date(`Date : ${FINANCEMENT_STATUT_LABELS.contractualise.toLowerCase()}`),
      dateVersement: date(`Date : ${FINANCEMENT_STATUT_LABELS.verse.toLowerCase()}`),
      anneeCampagne: annee('Année de campagne'),
      referenceExterne: texte('Référence chez le financeur'),
      source: texte('Source de la donnée'),
      dateSource: date('Date de la donnée'),
      logements: entier('Logements rénovés'),
      dossiers: entier('Dossiers acceptés'),
      motifDepassement: texteLong('Motif du dépassement'),
      ...IMPORT_FIELDS,
    },
  },
  demarche_participation: {
    objet: (_id, s) => `Dispositif thématique ${quoted(s.demarche)}`,
    champsLibres: true,
    champs: {
      demarche: texte('Dispositif'),
      commune: participationCommune,
      reference: texte('Référence'),
      dateDebut: date('Date de début'),
      dateFin: date('Date de fin'),
      source: texte('Source'),
      dateSource: date('Date de la source'),
      ...IMPORT_FIELDS,
    },
  },
  demarche: {
    objet: (_id, s) => `Catalogue : dispositif thématique ${quoted(s.nom)}`,
    champs: {
      code: texte('Code'),
      nom: texte('Nom'),
      description: texteLong('Description'),
      attributs: attributsDefinis,
      actif: booleen('Proposé pour de nouvelles participations'),
    },
  },
  dispositif: {
    cible: 'dispositif',
    objet: (id, s, label) => `Dispositif de financement ${quoted(s.nom ?? refLabel('dispositif', id, label))}`,
    champs: {
      code: texte('Code'),
      nom: texte('Nom'),
      financeurId: ref('Financeur', 'financeur'),
      pilier: choix('Pilier', PILIER_LABELS),
      nature: choix('Nature', FINANCEMENT_NATURE_LABELS),
      anneeDebut: annee('Première année'),
      anneeFin: annee('Dernière année'),
      compteLogements: booleen('Les lignes comptent les logements rénovés'),
      compteDossiers: booleen('Les lignes comptent les dossiers acceptés'),
      actif: booleen('Ouvert à de nouvelles lignes'),
    },
  },
  financeur: {
    cible: 'financeur',
    objet: (id, s, label) => `Financeur ${quoted(s.nom ?? refLabel('financeur', id, label))}`,
    champs: {
      code: texte('Code'),
      nom: texte('Nom du financeur'),
      organisationId: ref('Organisation partenaire', 'organisation'),
      actif: booleen('Actif'),
    },
  },
  user: {
    cible: 'compte',
    // A failed sign-in names the account by the e-mail typed, which may belong to no account.
    objet: (id, _s, label) => `Compte ${id.includes('@') ? refLabel('compte_email', id, label) : refLabel('compte', id, label)}`,
    champs: {
      email: texte('Adresse électronique'),
      organisation: texte('Organisation'),
      role: choix('Rôle', ROLE_LABELS),
      nouveauCompte: booleen('Nouveau compte'),
      rattachement: MASQUE,
      active: booleen('Compte actif'),
      par: texte('Par'),
      methode: texte('Méthode de connexion'),
      fournisseur: texte('Fournisseur d’identité'),
      siret: texte('SIRET'),
      organisationReconnue: texte('Organisation reconnue par son SIRET'),
      motif: texte('Motif'),
      notificationType: choix('Type de notification', NOTIFICATION_KIND_LABELS),
      envoi: choix('Envoi des courriels', NOTIFICATION_DELIVERY_LABELS),
    },
  },
  organisation: {
    cible: 'organisation',
    objet: (id, _s, label) => `Organisation ${quoted(refLabel('organisation', id, label))}`,
    champs: {
      siret: texte('SIRET'),
    },
  },
  import_national: {
    cible: 'import',
    objet: (id, s, label) => (s.nomFichier ? `Import national ${quoted(s.nomFichier)}` : refLabel('import', id, label)),
    champs: {
      type: choix('Type d’import', NATIONAL_IMPORT_TYPE_LABELS),
      nomFichier: texte('Fichier'),
      crees: entier('Créés'),
      mis_a_jour: entier('Mis à jour'),
      inchanges: entier('Inchangés'),
      rejetes: entier('Rejetés'),
    },
  },
  import_partenaire: {
    cible: 'import',
    objet: (id, _s, label) => refLabel('import', id, label),
    champs: {
      organisationId: ref('Organisation partenaire', 'organisation'),
      totalLignes: entier('Lignes du fichier'),
      crees: entier('Créés'),
      misAJour: entier('Mis à jour'),
      inchanges: entier('Inchangés'),
      rejetes: entier('Rejetés'),
    },
  },
  referentiel: {
    objet: (id) => (id === 'densite' ? 'Référentiel : grille de densité des communes' : 'Référentiel'),
    champs: {
      communes: entier('Communes modifiées'),
      exemples: densiteExemples,
    },
  },
  valeur_reference: {
    objet: (_id, s) => `Valeur de référence ${quoted(VALEURS_REFERENCE[s.cle as keyof typeof VALEURS_REFERENCE]?.libelle ?? s.cle)}`,
    champs: {
      cle: MASQUE,
      zoneType: choix('Zone', ZONE_LABELS),
      zoneCode: ref('Territoire', zoneKind('zoneType')),
      dateValeur: date('Date de la valeur'),
      valeur: nombre('Valeur'),
      source: texte('Source'),
      commentaire: texteLong('Commentaire'),
    },
  },
  rapport: {
    cible: 'rapport',
    objet: (id, _s, label) => `Rapport ${quoted(refLabel('rapport', id, label))}`,
    champs: {
      portee: choix('Portée', PORTEE_TYPE_LABELS),
      code: ref('Territoire', zoneKind('portee')),
      date: date('Date des données'),
      publie: booleen('Publié'),
      taille,
    },
  },
  // The figures the ANCT shows on the public pages (issue 19).
  indicateurs_publics: {
    objet: () => 'Chiffres publics',
    champs: {
      indicateurs: libre('Indicateurs publics', (value) =>
        Array.isArray(value) && value.length > 0 ? value.map((id) => `${String(id)} ${INDICATEURS.find((i) => i.id === id)?.libelle ?? ''}`.trim()).join(', ') : 'aucun',
      ),
    },
  },
  programme_parametre: {
    objet: (_id, s) => `Paramètre ${quoted(isParametreCle(s.cle) ? PARAMETRES[s.cle].libelle : s.cle)}`,
    champs: {
      cle: MASQUE,
      valeur: parametreValeur,
      dateEffet: date('Date d’effet'),
      decideLe: date('Décidée le'),
      reference: texteLong('Référence de la décision'),
    },
  },
  // A project sheet of the projetothèque: its text, its review (statut, comments) and its photos.
  fiche_projet: {
    objet: (_id, s) => `Fiche-projet ${quoted(s.titre)}`,
    champs: {
      titre: texte('Titre'),
      themes: libre('Thèmes', (value) => (list(value).length === 0 ? '(aucun)' : list(value).map((t) => FICHE_THEME_LABELS[str(t) as keyof typeof FICHE_THEME_LABELS] ?? str(t)).join(', '))),
      resume: texteLong('Résumé'),
      resultats: texteLong('Résultats'),
      budgetTotal: montant('Budget total'),
      financements: libre('Financements', (value) =>
        list(value).length === 0 ? '(aucun)' : list(value).map((f) => (isRecord(f) ? `${str(f.financeur)} : ${formatAmount(Number(f.montant))}` : str(f))).join(' ; '),
      ),
      partenaires: libre('Partenaires', (value) => (list(value).length === 0 ? '(aucun)' : list(value).map(str).join(', '))),
      contactFonction: texte('Contact (fonction)'),
      contactOrganisation: texte('Contact (organisation)'),
      contactEmail: texte('Contact (adresse)'),
      contactTelephone: texte('Contact (téléphone)'),
      statut: choix('Statut', FICHE_STATUT_LABELS),
      publieeLe: date('Publiée le'),
      depublieeLe: date('Dépubliée le'),
      commentaire: texteLong('Commentaire de revue'),
      photo: texte('Photo (texte alternatif)'),
    },
  },
  discussion_message: {
    objet: (_id, s) => `Message sur ${(DISCUSSION_ITEM_LABELS[s.itemType as DiscussionItemType] ?? 'un élément').toLowerCase()}`,
    champs: discussionChamps,
  },
  // An internal note of the State's services: its entries carry no dossier, so no commune's history shows them.
  note_interne: {
    objet: (_id, s) => `Note interne sur ${(DISCUSSION_ITEM_LABELS[s.itemType as DiscussionItemType] ?? 'un élément').toLowerCase()}`,
    champs: discussionChamps,
  },
  club_evenement: {
    objet: (_id, s) => `${CLUB_EVENEMENT_TYPE_LABELS[s.type as keyof typeof CLUB_EVENEMENT_TYPE_LABELS] ?? 'Événement'} ${quoted(s.titre)}`,
    champs: {
      type: choix('Type', CLUB_EVENEMENT_TYPE_LABELS),
      parentId: MASQUE,
      parent: texte('Saison ou semaine'),
      titre: texte('Titre'),
      description: texteLong('Description'),
      themes: libre('Thèmes', (value) => (list(value).length === 0 ? '(aucun)' : list(value).map((t) => PLAN_ACTION_THEME_LABELS[str(t) as keyof typeof PLAN_ACTION_THEME_LABELS] ?? str(t)).join(', '))),
      dateDebut: date('Date de début'),
      dateFin: date('Date de fin'),
      heureDebut: texte('Heure de début'),
      heureFin: texte('Heure de fin'),
      organisateurId: ref('Organisateur', 'organisation'),
      departementCode: ref('Département', 'departement'),
      statut: choix('Statut', CLUB_EVENEMENT_STATUT_LABELS),
      capacite: entier('Nombre de places'),
      participants: entier('Participants'),
      lieu: texte('Lieu'),
      lien: texte('Lien de connexion'),
      intervenants: libre('Intervenants', (value) =>
        list(value).length === 0 ? '(aucun)' : list(value).map((i) => (isRecord(i) ? `${str(i.nom)}${i.pvd ? ' (PVD)' : ''}` : str(i))).join(', '),
      ),
      enregistrement: texte('Enregistrement'),
      supports: libre('Supports', (value) => (list(value).length === 0 ? '(aucun)' : list(value).map((i) => (isRecord(i) ? str(i.titre) : str(i))).join(', '))),
    },
  },
  club_inscription: {
    objet: (_id, s) => `Inscription de ${str(s.personne)} à ${quoted(s.evenement)}`,
    champs: {
      evenementId: MASQUE,
      evenement: texte('Événement'),
      userId: ref('Personne', 'compte'),
      personne: MASQUE,
      statut: choix('Inscription', CLUB_INSCRIPTION_STATUT_LABELS),
      position: entier('Rang en liste d’attente'),
      presence: booleen('Présent'),
    },
  },
  club_calendrier: {
    objet: () => 'Adresse de son agenda du Club',
    champs: { generation: entier('Renouvellement') },
  },
  job: {
    objet: (_id, s, label) => `Tâche ${quoted(refLabel('tache', str(s.name), label))}`,
    champs: {
      name: MASQUE,
      state: choix('État', JOB_STATE_LABELS),
      retryCount: entier('Tentatives'),
      error: erreur,
    },
  },
} satisfies Record<string, AuditEntitySpec>;

export type AuditEntityType = keyof typeof AUDIT_ENTITIES;
export const AUDIT_ENTITY_TYPES = Object.keys(AUDIT_ENTITIES) as AuditEntityType[];

export function isAuditEntityType(value: string): value is AuditEntityType {
  return Object.prototype.hasOwnProperty.call(AUDIT_ENTITIES, value);
}

