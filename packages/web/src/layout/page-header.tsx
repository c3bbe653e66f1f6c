import { useEffect, type ReactNode } from 'react';

/** The page heading (tests find it by `page-title`) with optional actions on the right. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Floorplan`;
  }, [title]);
  return (
    <div className="page-header">
      <h1 data-testid="page-title">{title}</h1>
      {children ? <div className="page-actions">{children}</div> : null}
    </div>
  );
}
