import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { handleFraction, nodeHeight } from '../canvas/node-size.ts';
import type { FlowNode, NodeTypeDescriptor } from '../document/flow-types.ts';
import type { MessageKey } from '../i18n/translator.ts';
import { useT } from '../i18n/useT.ts';
import type { NodeRunStatus } from '../run/run-state.ts';

/** Data of a flow node on the canvas, derived from the document. */
export type FlowNodeData = {
  node: FlowNode;
  /** The descriptor of the node's own type + version. */
  descriptor: NodeTypeDescriptor | undefined;
  /** The newest version of the type when newer than the node's (never applied automatically). */
  newerVersion: number | undefined;
  inputs: string[];
  outputs: string[];
  status: NodeRunStatus | undefined;
  problem: string | undefined;
  problemCount: number;
  /** The first failure of the last test results at this node (`case: sentence`), and how many. */
  testFailure?: string | undefined;
  testFailureCount?: number;
};

/** A flow node on the canvas. */
export type FlowNodeView = Node<FlowNodeData, 'flow'>;

const STATUS_LABEL: Record<NodeRunStatus, MessageKey> = {
  running: 'nodeStatus.running',
  retrying: 'nodeStatus.retrying',
  succeeded: 'nodeStatus.succeeded',
  failed: 'nodeStatus.failed',
  waiting: 'nodeStatus.waiting',
  skipped: 'nodeStatus.skipped',
  'not-run': 'nodeStatus.not-run',
};

function handleTop(index: number, count: number): string {
  return `${handleFraction(index, count) * 100}%`;
}

function FlowNodeCardImpl({ data, selected }: NodeProps<FlowNodeView>) {
  const { t } = useT();
  const { node, descriptor, newerVersion, inputs, outputs, status, problem, problemCount, testFailure } =
    data;
  const testFailureCount = data.testFailureCount ?? 0;
  const title = node.name ?? descriptor?.title ?? node.type;
  const className = [
    'jx-node',
    selected ? 'is-selected' : '',
    status ? `status-${status}` : '',
    problemCount ? 'has-problem' : '',
    testFailureCount ? 'has-test-failure' : '',
    node.disabled ? 'is-disabled' : '',
    descriptor?.trigger ? 'is-trigger' : '',
  ].join(' ');
  return (
    <div
      className={className}
      data-node-id={node.id}
      data-testid={`node-${node.id}`}
      style={{ height: nodeHeight(inputs.length, outputs.length) }}
    >
      {inputs.map((port, i) => (
        <Handle
          key={`in-${port}`}
          id={port}
          type="target"
          position={Position.Left}
          style={{ top: handleTop(i, inputs.length) }}
          title={`Input ${port}`}
        >
          {inputs.length > 1 && <span className="jx-port-label is-input">{port}</span>}
        </Handle>
      ))}
      <div className={`jx-node-icon category-${descriptor?.category ?? 'unknown'}`} aria-hidden>
        {descriptor?.icon ?? '◆'}
      </div>
      <div className="jx-node-body">
        <div className="jx-node-title">{title}</div>
        <div className="jx-node-type">
          {node.id} · {descriptor?.title && node.name ? descriptor.title : node.type}
          {/* Only an older version is worth a mention: most nodes are on the newest one. */}
          {newerVersion !== undefined && (
            <>
              {' '}
              <span className="jx-node-version" data-testid="node-version">
                v{node.typeVersion}
              </span>{' '}
              <span
                className="jx-version-hint"
                data-testid="node-newer-version"
                title={`Version ${newerVersion} of ${node.type} exists. This node stays on v${node.typeVersion}: add a new node to use v${newerVersion} (its settings may differ).`}
              >
                v{newerVersion} {t('flowNodeCard.available')}
              </span>
            </>
          )}
        </div>
      </div>
      {problemCount > 0 && (
        <span className="jx-node-problem" title={problem} data-testid="node-problem">
          !{problemCount > 1 ? problemCount : ''}
        </span>
      )}
      {testFailureCount > 0 && (
        <span
          className="jx-node-test-failed"
          title={testFailure}
          data-testid="node-test-failed"
          data-count={testFailureCount}
        >
          {t('flowNodeCard.testFailed', { count: testFailureCount })}
        </span>
      )}
      {status && (
        <span
          className={`jx-node-status status-${status}`}
          title={t(STATUS_LABEL[status])}
          data-status={status}
        >
          {t(STATUS_LABEL[status])}
        </span>
      )}
      {outputs.map((port, i) => (
        <Handle
          key={`out-${port}`}
          id={port}
          type="source"
          position={Position.Right}
          style={{ top: handleTop(i, outputs.length) }}
          title={`Output ${port}`}
          className={port === 'error' ? 'is-error-port' : undefined}
        >
          {outputs.length > 1 && <span className="jx-port-label is-output">{port}</span>}
        </Handle>
      ))}
    </div>
  );
}

/** Renders one flow node: icon, title, id and type, ports as handles, a problem marker and the live run status. */
export const FlowNodeCard = memo(FlowNodeCardImpl);
