export interface PageAnswer {
  title?: string;
  body: string;
  /** Signature lines, e.g. ['Nora Lindqvist, MD', 'Seattle Dermatologist', '4.8 out of 5 stars 95 reviews']; none for an unsigned answer. */
  signature?: string[];
}

/** A synthetic "ask a doctor" page in the shape the Q&A parser reads (question, answer count, answers with signatures). */
export function qaPage(question: { title: string; body: string }, answers: readonly PageAnswer[]): string {
  const blocks = [question.title, question.body, `Doctor Answers (${answers.length})`];
  for (const answer of answers) {
    if (answer.title) blocks.push(answer.title);
    blocks.push(answer.body);
    if (answer.signature) blocks.push(answer.signature.join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

let sequence = 0;

/** A unique question (the natural key of a page without URL is its text). */
export function uniqueQuestion(topic = 'eyelid swelling'): { title: string; body: string } {
  sequence += 1;
  return {
    title: `Is ${topic} normal after ${sequence + 1} weeks?`,
    body: `I had surgery ${sequence + 1} weeks ago (case ${process.pid}-${sequence}) and I still notice ${topic}. Should I be worried?`,
  };
}
