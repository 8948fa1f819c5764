/** Stable warning codes of the Q&A page parser: every warning starts with one of these, then ": " and details. */
export const QA_WARNING = {
  empty: 'page.empty',
  noAnswers: 'page.no-answers',
  truncated: 'page.truncated',
  ambiguousQuestionEnd: 'page.ambiguous-question-end',
  tailDropped: 'page.tail-dropped',
  emptyAnswer: 'answer.empty-body',
  unknownLocation: 'signature.unknown-location',
  unknownSpecialty: 'signature.unknown-specialty',
  truncatedSignature: 'signature.truncated',
  ambiguousMention: 'mention.ambiguous',
} as const;
