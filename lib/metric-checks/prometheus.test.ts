import { describe, expect, it } from "vitest";
import { queryUrl, readAnswer } from "./prometheus";

const success = (data: object) => JSON.stringify({ status: "success", data });

describe("a Prometheus answer", () => {
  it("gives the first sample's value of an instant vector, or the scalar", () => {
    const vector = success({ resultType: "vector", result: [{ metric: { job: "a" }, value: [1, "0.25"] }, { metric: { job: "b" }, value: [1, "9"] }] });
    expect(readAnswer(200, vector)).toEqual({ value: 0.25, note: null });
    expect(readAnswer(200, success({ resultType: "scalar", result: [1, "42"] }))).toEqual({ value: 42, note: null });
  });

  it("has no value, and says why, for no series, NaN, a range vector, an error or a body that is not Prometheus's", () => {
    expect(readAnswer(200, success({ resultType: "vector", result: [] }))).toEqual({ value: null, note: "no data" });
    expect(readAnswer(200, success({ resultType: "scalar", result: [1, "NaN"] }))).toEqual({ value: null, note: "the value is NaN" });
    expect(readAnswer(200, success({ resultType: "matrix", result: [] }))).toEqual({ value: null, note: "the query answers a matrix, not an instant vector or scalar" });
    expect(readAnswer(422, JSON.stringify({ status: "error", errorType: "execution", error: "query timed out" }))).toEqual({ value: null, note: "query error: query timed out" });
    expect(readAnswer(502, "<html>Bad gateway</html>")).toEqual({ value: null, note: "HTTP 502: not a Prometheus answer" });
  });

  it("is asked at {url}/api/v1/query, keeping the URL's path prefix and encoding the query", () => {
    expect(queryUrl("https://metrics.example.com/prometheus/", 'sum(rate(http_errors{code=~"5.."}[1m]))').toString()).toBe(
      "https://metrics.example.com/prometheus/api/v1/query?query=sum%28rate%28http_errors%7Bcode%3D%7E%225..%22%7D%5B1m%5D%29%29",
    );
  });
});
