/** One validation problem, the same shape the server returns from `POST /api/flows/:id/validate`. */
export interface ValidationProblem {
  code: string;
  /** JSON pointer into the flow document, e.g. `/nodes/2/config/url`. */
  pointer: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
}
