import { useState, type ReactNode } from 'react';
import { useAuth } from '../api/auth';
import { useList } from '../api/lists';
import { useResourceWrites, type Versioned } from '../api/mutations';
import { PageHeader } from '../layout/page-header';
import { useSearchParams } from '../router';
import { DataTable, QueryState, type Column } from './data-table';
import { EntityForm } from './entity-form';
import type { FieldSpec, FormValues } from './form-field';
import { OutcomeBanner, useOutcome } from './outcome';

export interface CrudEntity extends Versioned {
  archived?: boolean;
}

export interface CrudConfig<T extends CrudEntity> {
  title: string;
  /** One entry, for the form's heading ("New employee"). */
  noun: string;
  /** testid prefix: `<name>-table`, `<name>-form`, `<name>-new`. */
  name: string;
  resource: string;
  /** Employees, SUs, skills and codes are archived; mappings and rules are deleted. */
  removal: 'archive' | 'delete';
  /** Permission needed for the write buttons. */
  writePermission: string;
  columns: Column<T>[];
  fields(editing: T | null): FieldSpec[];
  toForm(entity: T | null): FormValues;
  toBody(values: FormValues, editing: T | null): unknown;
  label(entity: T): string;
  /** Whether the row may be archived or deleted (built-in entries may not). */
  removable?(entity: T): boolean;
  /** Panels shown above the list (unmapped values and their one-click fixes). */
  children?: ReactNode;
  /** Intro line under the heading. */
  intro?: ReactNode;
}

/** A setup screen: the list, a create/edit form and archive or delete, generic over the entity. */
export function CrudPage<T extends CrudEntity>(config: CrudConfig<T>) {
  const { permissions } = useAuth();
  const canWrite = permissions.has(config.writePermission);
  const [params, setParams] = useSearchParams();
  const [includeArchived, setIncludeArchived] = useState(false);
  const list = useList<T>(config.resource, { includeArchived });
  const writes = useResourceWrites(config.resource);
  const { outcome, run } = useOutcome();

  // `?edit=<id>` opens an entry's form (links from the board), `?edit=new` a blank one.
  const editParam = params.get('edit');
  const editing = editParam && editParam !== 'new' ? (list.data?.find((entity) => entity.id === editParam) ?? null) : null;
  const formOpen = canWrite && (editParam === 'new' || editing !== null);
  const close = () => setParams({ edit: null });

  const remove = async (entity: T) => {
    const verb = config.removal === 'archive' ? 'Archive' : 'Delete';
    if (!window.confirm(`${verb} ${config.label(entity)}?`)) return;
    await run(async () => {
      if (config.removal === 'archive') await writes.archive(entity);
      else await writes.remove(entity);
      return `${config.label(entity)}: ${config.removal === 'archive' ? 'archived' : 'deleted'}.`;
    }, `${verb} failed`);
  };

  const columns: Column<T>[] = [...config.columns];
  if (canWrite) {
    columns.push({
      header: 'Actions',
      className: 'actions',
      cell: (entity) => (
        <>
          <button type="button" className="secondary" onClick={() => setParams({ edit: entity.id })} data-testid={`${config.name}-edit`}>
            Edit
          </button>
          {entity.archived || config.removable?.(entity) === false ? null : (
            <button type="button" className="danger" onClick={() => void remove(entity)} data-testid={`${config.name}-remove`}>
              {config.removal === 'archive' ? 'Archive' : 'Delete'}
            </button>
          )}
        </>
      ),
    });
  }

  return (
    <>
      <PageHeader title={config.title}>
        {config.removal === 'archive' ? (
          <label className="field checkbox">
            <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} /> Show archived
          </label>
        ) : null}
        {canWrite ? (
          <button type="button" onClick={() => setParams({ edit: 'new' })} data-testid={`${config.name}-new`}>
            New
          </button>
        ) : null}
      </PageHeader>
      {config.intro ? <p className="muted">{config.intro}</p> : null}
      {config.children}
      {formOpen ? (
        <EntityForm
          key={editing ? `${editing.id}@${editing.version}` : 'new'}
          name={config.name}
          title={editing ? `Edit ${config.label(editing)}` : `New ${config.noun}`}
          fields={config.fields(editing)}
          initial={config.toForm(editing)}
          submitLabel={editing ? 'Save' : 'Create'}
          onCancel={close}
          onSubmit={async (values) => {
            const body = config.toBody(values, editing);
            if (editing) await writes.update(editing, body);
            else await writes.create(body);
            close();
          }}
        />
      ) : null}
      <OutcomeBanner outcome={outcome} />
      <QueryState isLoading={list.isLoading} error={list.error} />
      {list.data ? (
        <DataTable
          name={config.name}
          columns={columns}
          rows={[...list.data].sort((a, b) => config.label(a).localeCompare(config.label(b)))}
          rowKey={(entity) => entity.id}
          rowClass={(entity) => (entity.archived ? 'archived' : undefined)}
          empty="Nothing here yet."
        />
      ) : null}
    </>
  );
}
