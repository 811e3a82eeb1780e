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
            Paste a text or upload .txt, .md, .html, .json or .jsonl files (up to {MAX_FILES} files, {MAX_FILE_BYTES / 1024 / 1024} MB each),
            including a native JSONL export of another project. A batch is all or nothing; a text already in the project is reported, not duplicated.
          </p>
        </div>
      </div>
      <ImportForm projectId={projectId} />
    </div>
  );
}
