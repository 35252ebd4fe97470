/** The support desk's FAQ, shipped with the example. */
export interface Faq {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
}

export const FAQS: readonly Faq[] = [
  { id: 'reset-password', question: 'How do I reset my password?', answer: 'Open Settings, choose Security, then Reset password; a link arrives by email within a minute.' },
  { id: 'export-data', question: 'How do I export my data?', answer: 'Settings, then Data, then Export creates a ZIP of all your projects.' },
  { id: 'billing-cycle', question: 'When am I billed?', answer: 'Billing happens on the first day of each month for the previous month.' },
  { id: 'api-keys', question: 'Where are my API keys?', answer: 'API keys live under Settings, then Developer; each key can be revoked on its own.' },
];
