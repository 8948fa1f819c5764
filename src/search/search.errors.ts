import { defineErrors } from '../common/errors/app-error.js';

export const SearchErrors = defineErrors('SEARCH', {
  UNAVAILABLE: [503, 'Search is unavailable; try again shortly'],
});
