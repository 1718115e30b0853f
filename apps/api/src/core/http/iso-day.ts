import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = 'Date invalide (format AAAA-MM-JJ attendu).';

/** A calendar day written `YYYY-MM-DD` (a real date: no 30 February). */
export const IsIsoDay = () => applyDecorators(Matches(ISO_DAY, { message: DAY_MESSAGE }), IsISO8601({ strict: true }, { message: DAY_MESSAGE }));
