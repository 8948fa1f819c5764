import { defineErrors, registerConstraintErrors } from '../common/errors/app-error.js';

export const QaErrors = defineErrors('QA', {
  QUESTION_NOT_FOUND: [404, 'Question not found'],
  ANSWER_NOT_FOUND: [404, 'Answer not found'],
  NOT_PROFILE_OWNER: [403, 'Only a doctor who owns a profile answers questions, as that profile'],
  EMAIL_NOT_VERIFIED: [403, 'Verify your e-mail address before asking'],
  DUPLICATE_ANSWER: [409, 'This question already has an answer with the same text'],
});

registerConstraintErrors({
  uq_answers_question_body: () => QaErrors.DUPLICATE_ANSWER(),
});
