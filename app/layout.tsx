import type { Metadata } from 'next';
import './globals.css';
import { AppHeader } from '@/components/AppHeader';

export const metadata: Metadata = {
  title: { default: 'Fact-check workbench', template: '%s · Fact-check workbench' },
  description: 'Tag claims, quotes and context across outlets, link them, review them and export them.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AppHeader />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
