// chert.attachments: the slot, the raw upload (void), the download (a Blob), uploadFile.
import type { AttachmentId, AttachmentSlot } from '@chert/types';
import { expectTypeOf, it } from 'vitest';
import type { APIPromise, ChertClient, UploadData } from '../../src/index.js';

declare const chert: ChertClient;
declare const stream: ReadableStream<Uint8Array>;

it('create: the file’s name, type and size', () => {
  expectTypeOf(chert.attachments.create({ filename: 'a.jpg', content_type: 'image/jpeg', size_bytes: 10 })).toEqualTypeOf<APIPromise<AttachmentSlot>>();
  // @ts-expect-error size_bytes is required
  void chert.attachments.create({ filename: 'a.jpg', content_type: 'image/jpeg' });
});

it('upload: raw bytes of any kind, resolving to nothing', async () => {
  expectTypeOf(chert.attachments.upload('att_1', new Blob(['x']))).toEqualTypeOf<APIPromise<void>>();
  void chert.attachments.upload('att_1', new Uint8Array(3), { contentType: 'image/png' });
  void chert.attachments.upload('att_1', new ArrayBuffer(3), { contentType: 'image/png', signal: AbortSignal.timeout(1000) });
  void chert.attachments.upload('att_1', stream, { contentType: 'video/mp4' });
  void chert.attachments.upload('att_1', 'text', { contentType: 'text/plain' });
  expectTypeOf(chert.attachments.upload).parameter(1).toEqualTypeOf<UploadData>();
  expectTypeOf(await chert.attachments.upload('att_1', new Blob(['x']))).toEqualTypeOf<void>();
  // @ts-expect-error numbers are not bytes
  void chert.attachments.upload('att_1', 42);
  // @ts-expect-error the content type is a string
  void chert.attachments.upload('att_1', new Blob(['x']), { contentType: 5 });
});

it('content: a Blob', async () => {
  expectTypeOf(chert.attachments.content('att_1')).toEqualTypeOf<APIPromise<Blob>>();
  const { data } = await chert.attachments.content('att_1').withResponse();
  expectTypeOf(data).toEqualTypeOf<Blob>();
});

it('uploadFile: the three steps, resolving to the id', () => {
  expectTypeOf(chert.attachments.uploadFile({ data: new File(['x'], 'a.png', { type: 'image/png' }) })).toEqualTypeOf<Promise<AttachmentId>>();
  void chert.attachments.uploadFile({ data: stream, filename: 'a.mp4', contentType: 'video/mp4', size: 1024 }, { timeoutMs: 60_000 });
  // @ts-expect-error data is required
  void chert.attachments.uploadFile({ filename: 'a.png' });
});
