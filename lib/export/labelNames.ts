/** The label and relation names the annotation tools' formats show (brat, Label Studio, doccano). */
export const LABEL_NAME = { claim: 'Claim', quote: 'Quote', context: 'Context' } as const;
export const RELATION_NAME = { corroborates: 'Corroborates', conflicts: 'Conflicts' } as const;
