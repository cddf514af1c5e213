import { OfdApiError } from './ofd-api-error.js';

/** A JSON value did not have the shape the boundary parsers expect. `path` names the field, e.g. `Documents[0].Id`. */
export class ShapeError extends OfdApiError {
  override name = 'ShapeError';
  readonly path: string;
  constructor(path: string, expected: string) {
    super({ code: 'BAD_SHAPE', message: `${path || 'value'}: expected ${expected}` });
    this.path = path;
  }
}
