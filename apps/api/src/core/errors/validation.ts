import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldErrors } from './app-error';
import { assertCleanText } from './input-guard';

/** French messages for class-validator constraints, shown to users beside form fields. */
function frenchMessage(constraint: string, defaultMessage: string, error: ValidationError): string {
  const field = error.property;
  switch (constraint) {
    case 'whitelistValidation':
      return `Champ inconnu : ${field}.`;
    case 'isNotEmpty':
    case 'isDefined':
      return 'Ce champ est obligatoire.';
    case 'isString':
      return 'Une chaîne de caractères est attendue.';
    case 'isInt':
      return 'Un nombre entier est attendu.';
    case 'isNumber':
      return 'Un nombre est attendu.';
    case 'isBoolean':
      return 'Vrai ou faux est attendu.';
    case 'isEmail':
      return 'Adresse électronique invalide.';
    case 'isDateString':
    case 'isISO8601':
      return 'Date invalide (format AAAA-MM-JJ attendu).';
    case 'isIn':
    case 'isEnum':
      return 'Valeur non autorisée.';
    case 'isArray':
      return 'Une liste est attendue.';
    case 'nestedValidation':
    case 'isObject':
      return 'Objet invalide.';
    case 'arrayMaxSize':
      return `Liste trop longue (${defaultMessage.match(/\d+/)?.[0] ?? '?'} éléments au plus).`;
    case 'maxLength':
      return `Texte trop long (${defaultMessage.match(/\d+/)?.[0] ?? '?'} caractères au plus).`;
    case 'min':
      return `Valeur trop petite (minimum ${defaultMessage.match(/-?\d+(\.\d+)?/)?.[0] ?? ''}).`;
    case 'max':
      // A bound declared with its own French message keeps it.
      if (!defaultMessage.includes('must not be')) return defaultMessage;
      return `Valeur trop grande (maximum ${defaultMessage.match(/-?\d+(\.\d+)?/)?.[0] ?? ''}).`;
    case 'isUuid':
      return defaultMessage.includes('must be a UUID') ? 'Identifiant invalide.' : defaultMessage;
    default:
      // Constraints declared in DTOs carry their own French message.
      return defaultMessage;
  }
}

function collect(errors: ValidationError[], prefix: string, out: FieldErrors): void {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      const missing = (error.value === undefined || error.value === null) && !('whitelistValidation' in error.constraints);
      out[path] = missing
        ? ['Ce champ est obligatoire.']
        : Object.entries(error.constraints)
            // A length says nothing useful about a value of the wrong type.
            .filter(([name]) => typeof error.value === 'string' || !['maxLength', 'minLength', 'matches'].includes(name))
            .map(([name, message]) => frenchMessage(name, message, error));
    }
    if (error.children?.length) collect(error.children, path, out);
  }
}

export function validationErrorsToFields(errors: ValidationError[]): FieldErrors {
  const fields: FieldErrors = {};
  collect(errors, '', fields);
  return fields;
}

/**
 * The global pipe, which also refuses control characters and lone surrogates in every body, query
 * and path value a handler receives (multipart text fields included, which the input guard
 * middleware cannot see), naming the field.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      assertCleanText(metadata.data ? { [metadata.data]: value } : value, metadata.type);
    }
    return super.transform(value, metadata);
  }
}

/** Global pipe: strips nothing silently, refuses unknown fields, converts query strings to declared types. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // value is read to tell a missing field from a wrong one; it never goes into the response.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) =>
      new AppError('VALIDATION_FAILED', 'La requête contient des données invalides.', validationErrorsToFields(errors)),
  });
}
