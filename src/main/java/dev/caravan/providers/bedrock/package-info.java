/**
 * Bedrock Converse wire format: SigV4 re-signing (the AWS SDK's signer), the AWS event-stream frames of ConverseStream
 * (the AWS event-stream codec), and the translation between OpenAI Chat Completions and Converse; pure, no Camel and
 * no I/O.
 */
package dev.caravan.providers.bedrock;
