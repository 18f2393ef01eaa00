/**
 * Evidence of X-Road exchanges: the request hash a response carries, checked against the request sent (SOAP) or kept
 * as an opaque receipt (REST), and an append-only {@link io.luotsi.xroad.evidence.EvidenceStore} of one record per
 * exchange, by default a JSON Lines file ({@link io.luotsi.xroad.evidence.JsonLinesEvidenceStore}).
 *
 * <pre>{@code
 * SoapRequestHash.Recorder recorder = SoapRequestHash.recorder();
 * soapWriter.writeTo(recorder.wrap(httpOut));
 * RequestHashReceipt receipt = SoapRequestHash.verify(recorder.digest(), algorithmId, requestHash);
 *
 * try (JsonLinesEvidenceStore store = JsonLinesEvidenceStore.open(Path.of("evidence.jsonl"))) {
 *     store.append(EvidenceRecord.builder().time(clock.instant()).messageId(id).client(client).service(service)
 *         .requestDigest(recorder.digest()).requestHash(receipt).build());
 * }
 * }</pre>
 *
 * ASiC-E containers from a Security Server's message log are verified elsewhere, with global configuration.
 */
package io.luotsi.xroad.evidence;
