import { defineErrors } from '../common/errors/app-error.js';

export const ImportErrors = defineErrors('IMPORT', {
  FILE_UNREADABLE: [400, 'The file cannot be read'],
  BAD_FORMAT: [400, 'The file is not in the expected format'],
  BUSY: [409, 'Another import of this kind is running'],
});
