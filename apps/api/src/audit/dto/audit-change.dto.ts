import { ApiProperty } from '@nestjs/swagger';

/** One field a change altered, in words. */
export class AuditChangeDto {
  @ApiProperty({ description: 'Clé du champ dans l’enregistrement (pour les exports et les tests)', example: 'beneficiaireCode' }) champ!: string;
  @ApiProperty({ description: 'Nom du champ, tel que son formulaire le montre', example: 'Bénéficiaire' }) libelle!: string;
  @ApiProperty({ description: 'Valeur avant, en clair', example: 'Ahun (23)' }) avant!: string;
  @ApiProperty({ description: 'Valeur après, en clair', example: 'Guéret (23)' }) apres!: string;
}
