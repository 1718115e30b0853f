import { Initial1764100000000 } from './1764100000000-initial';
import { CommuneSearchTrigram1764100000001 } from './1764100000001-commune-search-trigram';
import { Organisations1764100000002 } from './1764100000002-organisations';
import { LoginSecurity1764100000003 } from './1764100000003-login-security';
import { AuthTokens1764100000004 } from './1764100000004-auth-tokens';
import { ProConnect1764100000005 } from './1764100000005-proconnect';
import { Dossiers1764100000006 } from './1764100000006-dossiers';
import { Ingenierie1764100000007 } from './1764100000007-ingenierie';
import { Thematique1764100000008 } from './1764100000008-thematique';
import { FinancementRecence1764100000009 } from './1764100000009-financement-recence';
import { PosteOperation1764100000010 } from './1764100000010-poste-operation';
import { ImportPartenaireLignes1764100000011 } from './1764100000011-import-partenaire-lignes';
import { PvdMembership1764100000012 } from './1764100000012-pvd-membership';
import { JobProgress1764100000014 } from './1764100000014-job-progress';
import { Indicateurs1764100000016 } from './1764100000016-indicateurs';
import { IndicateursVersion1764100000017 } from './1764100000017-indicateurs-version';
import { ImportsNationaux1764100000018 } from './1764100000018-imports-nationaux';
import { SourceDonnees1764100000019 } from './1764100000019-source-donnees';
import { ImportPartenaireFichier1764100000021 } from './1764100000021-import-partenaire-fichier';
import { ImportsNationauxPostes1764100000022 } from './1764100000022-imports-nationaux-postes';
import { Rapport1764100000023 } from './1764100000023-rapport';
import { MotifDepassement1764100000031 } from './1764100000031-motif-depassement';
import { ProgrammeParametreDecision1764100000035 } from './1764100000035-programme-parametre-decision';
import { OrganisationCommuneNames1764100000036 } from './1764100000036-organisation-commune-names';
import { ListOrderIndexes1764100000038 } from './1764100000038-list-order-indexes';
import { Discussions1764100000048 } from './1764100000048-discussions';

/** Every migration, in order. A new migration is added here (no glob: the same list runs from sources and from dist). */
export const MIGRATIONS = [Initial1764100000000, CommuneSearchTrigram1764100000001, Organisations1764100000002, LoginSecurity1764100000003, AuthTokens1764100000004, ProConnect1764100000005, Dossiers1764100000006, Ingenierie1764100000007, Thematique1764100000008, FinancementRecence1764100000009, PosteOperation1764100000010, ImportPartenaireLignes1764100000011, PvdMembership1764100000012, JobProgress1764100000014, Indicateurs1764100000016, IndicateursVersion1764100000017, ImportsNationaux1764100000018, SourceDonnees1764100000019, ImportPartenaireFichier1764100000021, ImportsNationauxPostes1764100000022, Rapport1764100000023, MotifDepassement1764100000031, ProgrammeParametreDecision1764100000035, OrganisationCommuneNames1764100000036, ListOrderIndexes1764100000038, Discussions1764100000048];
