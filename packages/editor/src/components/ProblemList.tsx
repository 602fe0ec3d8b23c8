import { useReactFlow } from '@xyflow/react';
import { useEditor, useEditorState } from '../app/editor-context.ts';
import { problemSentence } from '../i18n/problem-sentence.ts';
import { useT } from '../i18n/useT.ts';
import { selectDocument, selectProblems } from '../store/selectors.ts';
import type { ValidationProblem } from '../validation/problem.ts';
import { targetOf } from '../validation/problem-map.ts';

/** The validation summary: every problem, each a button that jumps to the node and field concerned. */
export function ProblemList() {
  const i18n = useT();
  const { t } = i18n;
  const { store } = useEditor();
  const problems = useEditorState(selectProblems);
  const document = useEditorState(selectDocument);
  const flow = useReactFlow();

  const jump = (problem: ValidationProblem) => {
    const target = targetOf(problem, store.getState().document);
    if (target.kind === 'node' && target.nodeId) {
      store.getState().select({ nodes: [target.nodeId], edges: [], notes: [] });
      store.getState().focus(target.field ?? null);
      const node = flow.getNode(target.nodeId);
      if (node)
        flow.setCenter(node.position.x + 110, node.position.y + 40, {
          zoom: Math.max(flow.getZoom(), 0.9),
          duration: 300,
        });
    } else if (target.kind === 'edge' && target.edgeId) {
      store.getState().select({ nodes: [], edges: [target.edgeId], notes: [] });
      const edge = store.getState().document.edges.find((e) => e.id === target.edgeId);
      const node = edge && flow.getNode(edge.target.node);
      if (node) flow.setCenter(node.position.x, node.position.y + 40, { duration: 300 });
    } else {
      store.getState().select({ nodes: [], edges: [], notes: [] });
      store.getState().focus(target.field ?? null);
      const field = window.document.querySelector<HTMLElement>(
        `.jx-inspector [data-pointer="${CSS.escape(problem.pointer)}"] input`,
      );
      field?.focus();
    }
  };

  if (!problems.length) return <p className="jx-muted jx-pad">{t('problemList.noProblemsTheFlow')}</p>;
  return (
    <ul className="jx-problems" data-testid="problem-list">
      {problems.map((problem, i) => {
        const target = targetOf(problem, document);
        const where = target.nodeId
          ? (document.nodes.find((n) => n.id === target.nodeId)?.name ?? target.nodeId)
          : target.edgeId
            ? t('problemList.edge', { edgeId: target.edgeId })
            : t('problemList.flow');
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: two problems may share code and pointer; the list is rebuilt as a whole
          <li key={`${problem.pointer}-${problem.code}-${i}`}>
            <button
              type="button"
              onClick={() => jump(problem)}
              title={`${problem.code} at ${problem.pointer}`}
            >
              <span className="jx-problem-where">{where}</span>
              <span className="jx-problem-message">{problemSentence(problem, i18n)}</span>
              <code className="jx-muted">{problem.code}</code>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
