import { can } from '@/lib/auth/can';
import { ProjectNav } from '@/components/projects/ProjectNav';
import { ImportForm } from '@/components/export/ImportForm';
import { MAX_FILE_BYTES, MAX_FILES } from '@/lib/import/files';
import { loadProjectPage } from '../loadProject';

export const metadata = { title: 'Import' };

export default async function ImportPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { project, projectId } = await loadProjectPage(params, '/import');
  const nav = <ProjectNav projectId={projectId} projectName={project.name} active="import" role={project.role} />;
  if (!can(project.role, 'article.import')) {
    return (
      <div className="container">
        {nav}
        <div className="card empty">Only project leads can import articles.</div>
      </div>
    );
  }
  return (
    <div className="container">
      {nav}
      <div className="page-header">
        <div>
          <h1>Import articles</h1>
          <p>
            Paste a text, give the web address of an article, or upload .txt, .md, .html, .json or .jsonl files (up to {MAX_FILES} files,
            {MAX_FILE_BYTES / 1024 / 1024} MB each), including a native JSONL export of another project. Web pages keep only the article text;
            the report lists what was left out. A batch is all or nothing; a text already in the project is reported, not duplicated.
          </p>
        </div>
      </div>
      <ImportForm projectId={projectId} />
    </div>
  );
}
