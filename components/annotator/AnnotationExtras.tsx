'use client';
/**
 * Extension slot of the reader's side panel, rendered under the selected annotation's
 * details. Other features (links, review) add one import and one JSX line each here.
 */
import type { AnnotationExtrasProps } from './types';
import { LinksSection } from '@/components/links/LinksSection';
import { ReviewSection } from '@/components/review/ReviewSection';

export type { AnnotationExtrasProps } from './types';

export function AnnotationExtras(props: AnnotationExtrasProps) {
  void props;
  return (
    <>
      <LinksSection {...props} />
      <ReviewSection {...props} />
    </>
  );
}
