/**
 * Words that hold a review for a moderator. Our own list, matched against whole words only (so "Scunthorpe",
 * "assistant" or "class" never match); a word here also matches with the suffixes in PROFANITY_SUFFIXES.
 * Names that double as insults (Dick, Willy) and words with a medical sense (prick, douche) are left out on purpose:
 * reviews name people and procedures. Mild words (damn, crap) are left to readers.
 */
export const PROFANITY_WORDS: readonly string[] = [
  'arse',
  'arsehole',
  'ass',
  'asshole',
  'bastard',
  'bitch',
  'bollocks',
  'bullshit',
  'cocksucker',
  'cunt',
  'dickhead',
  'dipshit',
  'douchebag',
  'dumbass',
  'fag',
  'faggot',
  'fuck',
  'fucker',
  'fuckface',
  'goddamn',
  'jackass',
  'motherfucker',
  'nigga',
  'nigger',
  'pussy',
  'retard',
  'shit',
  'shithead',
  'shitty',
  'slut',
  'twat',
  'wanker',
  'whore',
];

export const PROFANITY_SUFFIXES: readonly string[] = ['', 's', 'es', 'ed', 'er', 'ers', 'ing', 'in', 'y'];
