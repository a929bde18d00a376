export type Verdict = 'allow' | 'warn' | 'deny';
export type PolicyMode = 'audit' | 'enforce';

export interface Decision {
  verdict: Verdict;
  policy: string;
  mode: PolicyMode;
  messages: string[];
  /** What the decision is about: a resource reference or a finding id. */
  subject: string;
}
